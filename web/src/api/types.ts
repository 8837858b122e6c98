// Request bodies come from the generated schema (schema.gen.ts), so a field the server does not
// accept fails to compile. Response shapes are written here from docs/API.md until the document
// carries response schemas (issue 21 §2); then they are replaced by the generated ones.
import type { operations } from './schema.gen';

type JsonBody<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
export type Body<K extends keyof operations> = JsonBody<operations[K]>;

export interface Me {
  subject_id: string;
  subject_kind: string;
  org_id: string;
  role: string;
  auth_method: string;
}

export interface LoginResponse {
  user_id: string;
  org_id: string;
  role: string;
  session_id: string;
  csrf_token: string;
  expires_at: string;
}

export interface CostSums {
  billed_cost?: string;
  effective_cost?: string;
  list_cost?: string;
  contracted_cost?: string;
  consumed_quantity?: string;
  count: number;
}

export interface CostRow extends CostSums {
  currency: string;
  keys: Record<string, string>;
}

export interface CostTotal extends CostSums {
  currency: string;
}

export interface CostResponse {
  group_by: string[];
  metric: string;
  top: number;
  rows: CostRow[];
  totals: CostTotal[];
}

export interface DimensionValues {
  dimension: string;
  values: string[];
  truncated: boolean;
}

export interface Job {
  id: string;
  kind: string;
  ref_id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'dead';
  idempotent: boolean;
  attempts: number;
  max_attempts: number;
  run_after: string;
  lease_until: string | null;
  heartbeat_at: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface IngestFinding {
  rule: string;
  column?: string;
  severity: string;
  count: number;
  lines?: number[]; // the first line numbers
  message?: string;
}

export interface IngestSummary {
  accepted?: boolean;
  mode?: string;
  rows_read?: number;
  rows_ingested?: number;
  rows_quarantined?: number;
  rows_rounded?: number;
  lenient_timestamps?: number;
  lenient_nulls?: number;
  lenient_utf8?: number;
  quarantine_lines?: number;
  quarantine_truncated?: boolean;
  validation_stopped?: boolean;
  billed_cost_by_currency?: { currency: string; billed_cost: string }[];
  findings?: IngestFinding[];
  quarantine_sample?: { line: number; reason: string }[];
  quarantine_report?: string;
  billing_periods?: string[];
  replaced_partitions?: number;
  delivery_id?: string;
}

export interface Upload {
  id: string;
  source: string;
  mode: string;
  size_bytes: number;
  sha256: string;
  status: 'pending' | 'succeeded' | 'failed';
  job_id: string | null;
  error: string | null;
  summary: IngestSummary | null;
  created_at: string;
  finished_at: string | null;
}

export interface AuditEvent {
  seq: number;
  time: string;
  ts: number;
  actor_kind: string;
  actor_id: string;
  actor_role: string;
  source_ip: string;
  action: string;
  target_type: string;
  target_id: string;
  result: string;
  request_id: string;
  context: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export interface AuditPage {
  events: AuditEvent[];
  next_cursor: string | null;
}

export interface Member {
  id: string;
  email: string;
  display_name: string;
  role: string;
  active: boolean;
  mfa_enabled: boolean;
  /** While the second factor is locked after wrong codes: the lock's end (Owners' listing only). */
  mfa_locked_until?: string | null;
  /** False until the holder of an account made by an invitation proves its email (`finguard admin verify-email`). */
  email_verified?: boolean;
  joined_at: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: string;
  invited_by?: string;
  expires_at: string;
  created_at?: string;
}

export interface IssuedInvitation {
  id: string;
  token: string;
  link: string;
  expires_at: string;
}

export interface Session {
  id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  current: boolean;
}

export interface ApiKey {
  id: string;
  name: string;
  description: string;
  role: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  key?: string; // only in the create answer, shown once
}

export interface Schedule {
  id: string;
  name: string;
  kind: string;
  ref_id?: string;
  cron: string;
  time_zone: string;
  enabled: boolean;
  next_run_at?: string | null;
  last_run_at?: string | null;
}

export interface RolesResponse {
  roles: string[];
  permissions: { name: string; description: string; roles: string[] }[];
  counts: Record<string, number>;
}
