/** Word lists the corpus generator draws identifiers, paths, flag keys and prose from. */

/** Business nouns (singular); every one has a regular English plural. */
export const NOUNS: readonly string[] = [
  'account', 'address', 'alert', 'asset', 'audit', 'badge', 'balance', 'banner', 'basket', 'batch',
  'benefit', 'bill', 'booking', 'brand', 'budget', 'bundle', 'campaign', 'card', 'cart', 'carrier',
  'catalog', 'channel', 'charge', 'checkout', 'claim', 'client', 'comment', 'contact', 'contract', 'coupon',
  'course', 'credit', 'customer', 'dashboard', 'deal', 'delivery', 'deposit', 'device', 'discount', 'document',
  'donation', 'draft', 'estimate', 'event', 'expense', 'export', 'feed', 'fulfillment', 'fund', 'gateway',
  'goal', 'grant', 'group', 'guest', 'import', 'incident', 'insight', 'integration', 'invite', 'invoice',
  'item', 'job', 'journey', 'ledger', 'lead', 'lesson', 'listing', 'location', 'loyalty', 'member',
  'membership', 'merchant', 'message', 'metric', 'milestone', 'mission', 'module', 'note', 'notification', 'offer',
  'order', 'organization', 'package', 'page', 'partner', 'payment', 'payout', 'permit', 'plan', 'playlist',
  'policy', 'portfolio', 'post', 'price', 'product', 'profile', 'project', 'promotion', 'quote', 'rate',
  'receipt', 'record', 'referral', 'refund', 'region', 'release', 'reminder', 'rental', 'report', 'request',
  'reservation', 'resource', 'return', 'review', 'reward', 'role', 'route', 'rule', 'sample', 'schedule',
  'segment', 'seller', 'session', 'setting', 'shipment', 'shop', 'signal', 'site', 'slot', 'snapshot',
  'source', 'sprint', 'statement', 'store', 'story', 'subscriber', 'subscription', 'supplier', 'survey', 'tag',
  'task', 'team', 'template', 'tenant', 'ticket', 'timeline', 'token', 'topic', 'track', 'transaction',
  'transfer', 'trip', 'upload', 'user', 'vehicle', 'vendor', 'venue', 'visit', 'voucher', 'wallet',
  'warehouse', 'webhook', 'widget', 'workflow', 'workspace',
];

export const VERBS: readonly string[] = [
  'apply', 'approve', 'archive', 'assign', 'build', 'calculate', 'cancel', 'capture', 'collect', 'compute',
  'confirm', 'convert', 'create', 'derive', 'detect', 'dispatch', 'enrich', 'estimate', 'expand', 'export',
  'fetch', 'filter', 'finalize', 'format', 'generate', 'group', 'import', 'index', 'load', 'merge',
  'migrate', 'normalize', 'notify', 'parse', 'prepare', 'process', 'publish', 'rank', 'reconcile', 'refresh',
  'register', 'release', 'render', 'resolve', 'restore', 'review', 'schedule', 'score', 'select', 'serialize',
  'submit', 'summarize', 'sync', 'track', 'transform', 'update', 'upload', 'validate', 'verify', 'warm',
];

export const ADJECTIVES: readonly string[] = [
  'active', 'annual', 'archived', 'bulk', 'cached', 'compact', 'current', 'daily', 'default', 'detailed',
  'draft', 'expired', 'external', 'featured', 'global', 'guest', 'inline', 'internal', 'latest', 'legacy',
  'linked', 'live', 'local', 'monthly', 'nested', 'open', 'pending', 'pinned', 'primary', 'private',
  'public', 'quick', 'recent', 'recurring', 'remote', 'saved', 'scheduled', 'shared', 'smart', 'split',
  'staged', 'standard', 'team', 'trial', 'unread', 'verified', 'weekly',
];

/** UI nouns for component names (`OrderSummaryCard`). */
export const UI_NOUNS: readonly string[] = [
  'Badge', 'Banner', 'Breadcrumbs', 'Card', 'Chart', 'Dialog', 'Drawer', 'Editor', 'EmptyState', 'Filters',
  'Footer', 'Form', 'Grid', 'Header', 'Legend', 'List', 'Menu', 'Modal', 'Overview', 'Pagination',
  'Panel', 'Picker', 'Preview', 'Row', 'Section', 'Selector', 'Sidebar', 'Skeleton', 'Summary', 'Table',
  'Tabs', 'Tile', 'Timeline', 'Toolbar', 'Tooltip', 'Widget',
];

/** Product areas that group domains in large corpora (`src/<area>/<domain>`). */
export const AREAS: readonly string[] = [
  'storefront', 'backoffice', 'platform', 'growth', 'payments', 'logistics', 'support', 'identity', 'insights',
  'marketplace', 'partners', 'mobile', 'content', 'billing', 'operations', 'admin', 'commerce', 'compliance',
  'finance', 'messaging', 'search', 'social', 'studio', 'workforce',
];

export const TEAMS: readonly string[] = [
  'payments', 'checkout', 'search', 'growth', 'platform', 'identity', 'catalog', 'logistics', 'mobile',
  'billing', 'insights', 'support', 'core-web', 'infra', 'marketplace', 'ml-ranking', 'notifications', 'trust',
];

export const TICKET_PREFIXES: readonly string[] = ['PAY', 'CHK', 'SRCH', 'GRO', 'PLAT', 'IAM', 'CAT', 'LOG', 'MOB', 'BILL', 'INS', 'SUP', 'WEB', 'OPS'];

export const SEGMENTS: readonly string[] = ['beta', 'internal', 'enterprise', 'staff', 'early-access', 'eu', 'us', 'mobile', 'pro', 'trial'];

/** Words for flag keys: `<head>-<tail>[-vN]`. */
export const FLAG_HEADS: readonly string[] = [
  'new', 'async', 'bulk', 'fast', 'smart', 'instant', 'unified', 'redesigned', 'streamlined', 'improved',
  'express', 'guest', 'one-click', 'inline', 'lazy', 'parallel', 'cached', 'dynamic', 'adaptive', 'modern',
];
export const FLAG_TAILS: readonly string[] = [
  'checkout', 'search', 'recommendations', 'pricing', 'onboarding', 'navigation', 'cart', 'invoice-export',
  'payment-processor', 'order-history', 'reranker', 'autocomplete', 'shipping-rates', 'tax-engine', 'dashboard',
  'notifications', 'image-pipeline', 'profile-page', 'refund-flow', 'coupon-engine', 'fraud-scoring',
  'inventory-sync', 'review-moderation', 'address-validation', 'loyalty-points', 'report-builder', 'media-upload',
  'session-store', 'rate-limiter', 'webhook-retry', 'search-index', 'ledger-sync', 'email-digest', 'sso-login',
  'cart-merge', 'price-rounding', 'feed-ranking', 'chat-widget', 'gift-cards', 'subscriptions', 'returns-portal',
  'delivery-slots', 'product-tiles', 'wishlist', 'store-locator', 'payout-batching', 'audit-log', 'csv-import',
];
export const OPERATIONAL_TAILS: readonly string[] = [
  'circuit-breaker', 'kill-switch', 'read-only-mode', 'maintenance-banner', 'rate-limit', 'fallback-cache',
  'degraded-mode', 'shadow-traffic', 'write-freeze',
];
export const PERMISSION_TAILS: readonly string[] = ['bulk-import', 'advanced-reports', 'sso', 'api-access', 'custom-domains', 'audit-export', 'multi-currency'];

/** Fields an entity can have, with their TypeScript type and a sample value expression. */
export interface FieldSpec {
  name: string;
  type: string;
  sample: (entity: string, index: number) => string;
}

export const FIELDS: readonly FieldSpec[] = [
  { name: 'name', type: 'string', sample: (e, i) => `'${e} ${i}'` },
  { name: 'title', type: 'string', sample: (e, i) => `'${e[0]!.toUpperCase()}${e.slice(1)} #${i}'` },
  { name: 'amount', type: 'number', sample: (_e, i) => `${(i * 37) % 900 + 12.5}` },
  { name: 'currency', type: 'string', sample: (_e, i) => `'${['EUR', 'USD', 'GBP', 'JPY'][i % 4]}'` },
  { name: 'quantity', type: 'number', sample: (_e, i) => `${(i % 9) + 1}` },
  { name: 'email', type: 'string', sample: (_e, i) => `'user${i}@example.com'` },
  { name: 'createdAt', type: 'string', sample: (_e, i) => `'2026-0${(i % 9) + 1}-1${i % 10}T10:00:00Z'` },
  { name: 'updatedAt', type: 'string', sample: (_e, i) => `'2026-1${i % 2}-0${(i % 9) + 1}T08:30:00Z'` },
  { name: 'ownerId', type: 'string', sample: (_e, i) => `'user-${100 + i}'` },
  { name: 'tags', type: 'string[]', sample: (_e, i) => `['${['vip', 'new', 'sale', 'eu'][i % 4]}']` },
  { name: 'priority', type: 'number', sample: (_e, i) => `${i % 5}` },
  { name: 'isArchived', type: 'boolean', sample: (_e, i) => `${i % 3 === 0}` },
  { name: 'description', type: 'string', sample: (e) => `'A sample ${e}'` },
  { name: 'score', type: 'number', sample: (_e, i) => `${((i * 13) % 100) / 10}` },
  { name: 'region', type: 'string', sample: (_e, i) => `'${['eu-west', 'us-east', 'ap-south'][i % 3]}'` },
  { name: 'dueDate', type: 'string', sample: (_e, i) => `'2026-12-${10 + (i % 18)}'` },
  { name: 'version', type: 'number', sample: (_e, i) => `${i + 1}` },
  { name: 'url', type: 'string', sample: (e, i) => `'https://example.com/${e}s/${i}'` },
  { name: 'locale', type: 'string', sample: (_e, i) => `'${['en-US', 'de-DE', 'fr-FR', 'ja-JP'][i % 4]}'` },
  { name: 'discount', type: 'number', sample: (_e, i) => `${(i % 4) * 5}` },
  { name: 'weight', type: 'number', sample: (_e, i) => `${(i % 7) + 0.5}` },
  { name: 'sku', type: 'string', sample: (_e, i) => `'SKU-${1000 + i}'` },
  { name: 'notes', type: 'string', sample: () => `''` },
  { name: 'isPublic', type: 'boolean', sample: (_e, i) => `${i % 2 === 0}` },
  { name: 'rating', type: 'number', sample: (_e, i) => `${(i % 5) + 1}` },
  { name: 'category', type: 'string', sample: (_e, i) => `'${['general', 'premium', 'clearance'][i % 3]}'` },
  { name: 'externalId', type: 'string', sample: (_e, i) => `'ext-${7000 + i}'` },
  { name: 'customerId', type: 'string', sample: (_e, i) => `'cus_${4200 + i}'` },
  { name: 'segment', type: 'string', sample: (_e, i) => `'${['beta', 'enterprise', 'trial'][i % 3]}'` },
];

export const STATUSES: readonly string[] = [
  'draft', 'pending', 'active', 'paused', 'archived', 'completed', 'failed', 'cancelled', 'scheduled', 'expired',
  'approved', 'rejected', 'queued', 'processing', 'shipped', 'delivered', 'open', 'closed',
];

/** Sentence fragments for comments, log messages and flag descriptions. */
export const PHRASES: readonly string[] = [
  'keeps the legacy behaviour for older clients',
  'the backend returns amounts in minor units',
  'retries are idempotent thanks to the request id',
  'sorted so the most recent entries come first',
  'empty values are dropped before sending',
  'the API paginates with an opaque cursor',
  'values are cached for the duration of the request',
  'this mirrors the validation done on the server',
  'locale-aware formatting, never string concatenation',
  'archived entries are hidden unless asked for',
  'the upstream service is slow, so we batch calls',
  'see the runbook before changing the thresholds',
];

export const DESCRIPTION_VERBS: readonly string[] = [
  'Route traffic to', 'Enable', 'Roll out', 'Serve', 'Switch users to', 'Test', 'Turn on', 'Gate', 'Expose',
];
