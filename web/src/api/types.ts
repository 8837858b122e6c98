// Every request body and response shape comes from the generated schema (schema.gen.ts, from the
// served /api/v1/openapi.json), so a field the server does not accept or does not send fails to compile.
import type { operations } from './schema.gen';

type JsonBody<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type JsonAnswer<Op, S extends number> = Op extends {
  responses: { [K in S]: { content: { 'application/json': infer A } } };
}
  ? A
  : never;

export type Body<K extends keyof operations> = JsonBody<operations[K]>;
/** The JSON an operation answers with status S (its declared success answer). */
export type Answer<K extends keyof operations, S extends number = 200> = JsonAnswer<operations[K], S>;

export type Me = Answer<'getMe'>;
export type LoginResponse = Answer<'login'>;
export type SignInMethods = Answer<'listSignInMethods'>;

export type CostResponse = Answer<'queryCosts'>;
export type CostRow = CostResponse['rows'][number];
export type CostTotal = CostResponse['totals'][number];
/** The sums a cost row or total may carry (those asked for with `sums=`) and its row count. */
export type CostSums = Omit<CostTotal, 'currency'>;
export type DimensionValues = Answer<'listCostDimensionValues'>;

export type Job = Answer<'getJob'>;
export type Upload = Answer<'getUpload'>;
export type IngestSummary = NonNullable<Upload['summary']>;
export type IngestFinding = IngestSummary['findings'][number];

export type AuditPage = Answer<'listAuditEvents'>;
export type AuditEvent = AuditPage['events'][number];

export type Member = Answer<'listUsers'>['users'][number];
export type Invitation = Answer<'listInvitations'>['invitations'][number];
export type IssuedInvitation = Answer<'createInvitation', 201>;
export type Session = Answer<'listSessions'>['sessions'][number];
export type ApiKey = Answer<'listApiKeys'>['api_keys'][number];
export type CreatedApiKey = Answer<'createApiKey', 201>;
export type Schedule = Answer<'listSchedules'>['schedules'][number];
export type RolesResponse = Answer<'listRoles'>;
