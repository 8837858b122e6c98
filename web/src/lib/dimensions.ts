// The dimensions and metrics GET /api/v1/costs accepts (docs/API.md "Costs"): every FOCUS string
// column in snake_case, `tag:<key>`, and the time grains. Labels are for people; the wire names are
// what the URL and the API carry.

const kColumns = [
  'AvailabilityZone', 'BillingAccountId', 'BillingAccountName', 'BillingAccountType', 'BillingCurrency',
  'CapacityReservationId', 'CapacityReservationStatus', 'ChargeCategory', 'ChargeClass', 'ChargeDescription',
  'ChargeFrequency', 'CommitmentDiscountCategory', 'CommitmentDiscountId', 'CommitmentDiscountName',
  'CommitmentDiscountStatus', 'CommitmentDiscountType', 'CommitmentDiscountUnit', 'ConsumedUnit', 'InvoiceId',
  'InvoiceIssuerName', 'PricingCategory', 'PricingCurrency', 'PricingUnit', 'ProviderName', 'PublisherName',
  'RegionId', 'RegionName', 'ResourceId', 'ResourceName', 'ResourceType', 'ServiceCategory', 'ServiceName',
  'ServiceSubcategory', 'SkuId', 'SkuMeter', 'SkuPriceId', 'SubAccountId', 'SubAccountName', 'SubAccountType',
] as const;

function snake(pascal: string): string {
  return pascal.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function words(pascal: string): string {
  const s = pascal.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return s.charAt(0) + s.slice(1).toLowerCase().replace(/\bid\b/g, 'ID').replace(/\bsku\b/g, 'SKU');
}

export interface DimensionInfo {
  name: string; // wire name: service_name
  label: string; // Service name
}

/** Column dimensions, the common ones first. */
export const DIMENSIONS: DimensionInfo[] = (() => {
  const common = ['ServiceName', 'ProviderName', 'RegionId', 'BillingAccountName', 'SubAccountName',
    'ServiceCategory', 'ChargeCategory', 'ResourceId'];
  const order = [...common, ...kColumns.filter((c) => !common.includes(c))];
  return order.map((c) => ({ name: snake(c), label: words(c) }));
})();

export const GRAINS = ['day', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

export const METRICS = ['billed_cost', 'effective_cost', 'list_cost', 'contracted_cost'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
  billed_cost: 'Billed cost',
  effective_cost: 'Effective cost',
  list_cost: 'List cost',
  contracted_cost: 'Contracted cost',
};

const kTagKey = /^[^\s,&=[\]]{1,128}$/;

/** Whether `name` is a dimension the explorer can group or filter by. */
export function isDimension(name: string): boolean {
  if (name.startsWith('tag:')) return kTagKey.test(name.slice(4));
  return DIMENSIONS.some((d) => d.name === name);
}

export function dimensionLabel(name: string): string {
  if (name.startsWith('tag:')) return `Tag ${name.slice(4)}`;
  return DIMENSIONS.find((d) => d.name === name)?.label ?? name;
}
