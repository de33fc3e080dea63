import type { OrderStatus } from './canonical';
import { headerAliases } from './headers';
import type { MappingField, Preset, RowKind } from './types';

/**
 * Header names (normalised with `normalizeHeader`) that mean a canonical field,
 * best first. English first, then German, French, Spanish and Finnish spellings
 * seen in shop exports.
 */
export const FIELD_SYNONYMS: Record<MappingField, readonly string[]> = {
  order_id: ['order_id', 'orderid', 'order_number', 'order_no', 'order_nr', 'order', 'order_name', 'order_reference', 'order_ref',
    'invoice_no', 'invoice', 'invoice_id', 'invoice_number', 'invoice_nr', 'transaction_id', 'receipt_id', 'receipt_number',
    'bestellnummer', 'bestellung', 'auftragsnummer', 'numero_commande', 'commande', 'pedido', 'numero_pedido', 'tilausnumero', 'tilaus'],
  customer_id: ['customer_id', 'customerid', 'customer_no', 'customer_number', 'customer_nr', 'customer', 'client_id', 'client',
    'user_id', 'member_id', 'account_id', 'buyer_id', 'customer_email', 'email', 'billing_email', 'e_mail',
    'kundennummer', 'kunden_id', 'kunde', 'numero_client', 'cliente', 'id_cliente', 'asiakasnumero', 'asiakas_id', 'asiakas'],
  ordered_at: ['ordered_at', 'order_date', 'order_created_at', 'order_time', 'order_datetime', 'invoice_date', 'created_at', 'created',
    'date', 'purchase_date', 'purchased_at', 'transaction_date', 'timestamp', 'datetime', 'date_created', 'paid_at',
    'bestelldatum', 'datum', 'date_commande', 'fecha_pedido', 'fecha', 'tilauspaiva', 'paivamaara', 'pvm'],
  revenue: ['revenue', 'order_total', 'order_total_amount', 'total', 'total_amount', 'amount', 'grand_total', 'order_value', 'value',
    'net_sales', 'sales', 'gross_sales', 'subtotal', 'order_subtotal', 'total_price', 'price', 'sum',
    'umsatz', 'betrag', 'gesamtbetrag', 'montant', 'total_ttc', 'importe', 'summa', 'yhteensa', 'myynti'],
  gross_margin: ['gross_margin', 'margin', 'gross_profit', 'profit', 'marge', 'rohertrag', 'deckungsbeitrag', 'kate'],
  cost: ['cost', 'cogs', 'total_cost', 'cost_of_goods', 'cost_of_goods_sold', 'kosten', 'cout', 'coste', 'kustannus'],
  status: ['status', 'order_status', 'financial_status', 'state', 'payment_status', 'bestellstatus', 'statut', 'estado', 'tila'],
  cancelled_at: ['cancelled_at', 'canceled_at', 'cancelled_date', 'cancellation_date', 'cancel_date'],
  channel: ['channel', 'sales_channel', 'source', 'source_name', 'order_source', 'kanal', 'canal', 'kanava'],
  currency: ['currency', 'currency_code', 'order_currency', 'wahrung', 'devise', 'moneda', 'valuutta'],
  sku: ['sku', 'stock_code', 'stockcode', 'product_id', 'item_id', 'product_code', 'item_code', 'article_number', 'article',
    'artikelnummer', 'lineitem_sku', 'variant_sku', 'ean', 'product', 'item', 'tuote'],
  quantity: ['quantity', 'qty', 'lineitem_quantity', 'units', 'item_quantity', 'menge', 'anzahl', 'quantite', 'cantidad', 'maara', 'kpl'],
  unit_price: ['unit_price', 'unitprice', 'price', 'lineitem_price', 'item_price', 'price_each', 'einzelpreis', 'preis',
    'prix_unitaire', 'prix', 'precio', 'yksikkohinta', 'hinta'],
  responded_at: ['responded_at', 'response_date', 'submitted_at', 'submitted', 'submit_date', 'submission_date', 'date_submitted', 'answered_at', 'survey_date', 'completed_at', 'date',
    'created_at', 'timestamp', 'datetime', 'datum', 'fecha', 'paivamaara', 'pvm'],
  score: ['score', 'nps', 'nps_score', 'rating', 'csat', 'csat_score', 'stars', 'star_rating', 'satisfaction', 'likelihood_to_recommend',
    'recommend', 'bewertung', 'note', 'puntuacion', 'arvosana', 'pisteet'],
  comment: ['comment', 'comments', 'feedback', 'text', 'review', 'review_text', 'verbatim', 'remarks', 'remark', 'body', 'message',
    'kommentar', 'commentaire', 'comentario', 'kommentti', 'palaute'],
};

/** Words that, inside a longer header, still suggest the field (second pass, after exact names). */
export const FIELD_HINTS: Partial<Record<MappingField, RegExp>> = {
  order_id: /(^|_)(order|invoice)_?(id|no|number|nr|num|ref)$/,
  // Not `Customer Note`, `Customer IP address` or `Customer Role`: an id, a number or an e-mail.
  customer_id: /(^|_)(customer|client|kunde|asiakas)(_(id|no|number|nr|code|key|ref|user_id))?$|e_?mail/,
  ordered_at: /(^|_)(date|datum|fecha)(_|$)|_at$|time/,
  revenue: /(^|_)(total|amount|revenue|sales|betrag|summa|dollars?|value|spend)(_|$)/,
  score: /(^|_)(score|rating|nps|csat|stars|recommend|likely|likelihood|satisfied|satisfaction)(_|$)/,
  responded_at: /(^|_)(date|datum|fecha)(_|$)|_at$|time/,
  comment: /(^|_)(comment|comments|feedback|review|text|reason|why|tell_us)(_|$)/,
};

/** Status words any export may use (lower case, `_` for spaces and dashes). */
const COMMON_STATUSES: Record<string, OrderStatus> = {
  completed: 'completed', complete: 'completed', paid: 'completed', processing: 'completed', shipped: 'completed',
  delivered: 'completed', fulfilled: 'completed', closed: 'completed', success: 'completed', succeeded: 'completed',
  ok: 'completed', authorized: 'completed', partially_paid: 'completed', partially_refunded: 'completed', on_hold: 'completed',
  cancelled: 'cancelled', canceled: 'cancelled', voided: 'cancelled', void: 'cancelled', failed: 'cancelled', declined: 'cancelled',
  expired: 'cancelled', abandoned: 'cancelled', rejected: 'cancelled',
  refunded: 'refunded', returned: 'refunded', fully_refunded: 'refunded', chargeback: 'refunded', charged_back: 'refunded',
  // German, French, Spanish, Finnish
  abgeschlossen: 'completed', bezahlt: 'completed', versandt: 'completed', geliefert: 'completed', storniert: 'cancelled',
  erstattet: 'refunded', ruckerstattet: 'refunded', zuruckerstattet: 'refunded', termine: 'completed', payee: 'completed',
  annule: 'cancelled', rembourse: 'refunded', completado: 'completed', pagado: 'completed', cancelado: 'cancelled',
  reembolsado: 'refunded', valmis: 'completed', maksettu: 'completed', toimitettu: 'completed', peruttu: 'cancelled', hyvitetty: 'refunded',
};

/**
 * Shopify "Financial Status": paid, authorized, partially_paid, pending and
 * partially_refunded are orders (`completed`); refunded is `refunded`; voided
 * and expired are `cancelled`. A non-empty "Cancelled at" makes the order
 * `cancelled` whatever its financial status.
 */
export const SHOPIFY_STATUSES: Record<string, OrderStatus> = {
  ...COMMON_STATUSES,
  pending: 'completed',
};

/**
 * WooCommerce order status (with or without the `wc-` prefix): completed,
 * processing and on-hold are orders; cancelled, failed, pending (payment never
 * made), checkout-draft and trash are `cancelled`; refunded is `refunded`.
 */
export const WOOCOMMERCE_STATUSES: Record<string, OrderStatus> = {
  ...COMMON_STATUSES,
  pending: 'cancelled', pending_payment: 'cancelled', checkout_draft: 'cancelled', draft: 'cancelled', trash: 'cancelled',
};

/** Presets other than Shopify and WooCommerce: the common words only; anything else loads as `completed` with a warning. */
export const GENERIC_STATUSES: Record<string, OrderStatus> = { ...COMMON_STATUSES };

/** How a preset is recognised and which columns it takes. */
export interface PresetRule {
  preset: Preset;
  kind: RowKind;
  matches: (h: ReadonlySet<string>) => boolean;
  /** Columns (normalised names, best first) the preset takes for each field. */
  fields: Partial<Record<MappingField, readonly string[]>>;
}

const has = (h: ReadonlySet<string>, ...names: string[]): boolean => names.some((n) => h.has(n));

/**
 * Preset detection, first match wins (see the README for the rules in words).
 */
export const PRESET_RULES: readonly PresetRule[] = [
  {
    preset: 'shopify',
    kind: 'orders',
    matches: (h) => h.has('financial_status') && has(h, 'lineitem_quantity', 'lineitem_name'),
    fields: {
      order_id: ['name'], customer_id: ['email', 'customer_email'], ordered_at: ['created_at'], revenue: ['subtotal', 'total'],
      status: ['financial_status'], cancelled_at: ['cancelled_at'], channel: ['source'], currency: ['currency'],
      sku: ['lineitem_sku'], quantity: ['lineitem_quantity'], unit_price: ['lineitem_price'],
    },
  },
  {
    preset: 'woocommerce',
    kind: 'orders',
    matches: (h) =>
      has(h, 'order_key', 'customer_user', 'payment_method_title', 'order_number_formatted', 'billing_email', 'billing_first_name', 'cart_discount')
      && has(h, 'status', 'order_status') && has(h, 'order_total', 'order_total_amount', 'net_sales'),
    fields: {
      order_id: ['order_number', 'order_id', 'order_number_formatted', 'id'], customer_id: ['billing_email', 'customer_email', 'email', 'customer_user', 'customer_id'],
      ordered_at: ['order_date', 'date_created', 'date', 'created_at'], revenue: ['order_total', 'order_total_amount', 'net_sales'],
      status: ['status', 'order_status'], currency: ['order_currency', 'currency'], channel: ['created_via'],
    },
  },
  {
    preset: 'invoice_lines',
    kind: 'order_lines',
    matches: (h) => has(h, 'invoice_no', 'invoice', 'invoice_id', 'invoice_number') && has(h, 'stock_code', 'stockcode') && h.has('quantity') && has(h, 'unit_price', 'price'),
    fields: {
      order_id: ['invoice_no', 'invoice', 'invoice_id', 'invoice_number'], sku: ['stock_code', 'stockcode'], quantity: ['quantity'],
      unit_price: ['unit_price', 'price'], ordered_at: ['invoice_date', 'date'], customer_id: ['customer_id', 'customer'],
    },
  },
  {
    preset: 'canonical',
    kind: 'feedback',
    matches: (h) => has(h, 'responded_at') && h.has('score'),
    fields: {},
  },
  {
    preset: 'canonical',
    kind: 'order_lines',
    matches: (h) => ['order_id', 'ordered_at', 'sku', 'quantity', 'unit_price'].every((n) => h.has(n)) && !h.has('revenue'),
    fields: {},
  },
  {
    preset: 'canonical',
    kind: 'orders',
    matches: (h) => ['order_id', 'customer_id', 'ordered_at', 'revenue'].every((n) => h.has(n)),
    fields: {},
  },
];

/** The first preset whose rule matches the header, or `null` (generic). */
export function detectPreset(columns: readonly string[]): PresetRule | null {
  const h = new Set(columns.flatMap(headerAliases));
  return PRESET_RULES.find((rule) => rule.matches(h)) ?? null;
}

/** The status map a preset starts with. */
export function statusMapFor(preset: Preset): Record<string, OrderStatus> {
  if (preset === 'shopify') return { ...SHOPIFY_STATUSES };
  if (preset === 'woocommerce') return { ...WOOCOMMERCE_STATUSES };
  return { ...GENERIC_STATUSES };
}

/** Status text as the status map keys it: lower case without accents, `_` for spaces and dashes, no `wc-` prefix. */
export function normalizeStatus(text: string): string {
  return text.trim().toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[\s-]+/g, '_').replace(/^wc_/, '');
}
