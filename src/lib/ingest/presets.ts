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
 * WooCommerce order status (with or without the `wc-` prefix), for both of its
 * layouts: completed, processing and on-hold are orders; cancelled, failed,
 * pending (payment never made), checkout-draft and trash are `cancelled`;
 * refunded is `refunded`.
 */
const WOOCOMMERCE_STATUSES: Record<string, OrderStatus> = {
  pending: 'cancelled', pending_payment: 'cancelled', checkout_draft: 'cancelled', draft: 'cancelled', trash: 'cancelled',
};

/** How a preset is recognised and which columns it takes: data, not code (see the README for the sources). */
export interface PresetRule {
  preset: Preset;
  kind: RowKind;
  /** Each group needs one of its names in the header (normalised names and their aliases, `headerAliases`). */
  requires: ReadonlyArray<readonly string[]>;
  /** None of these may be in the header. */
  excludes?: readonly string[];
  /** Columns (normalised names, best first) the preset takes for each field. */
  fields: Partial<Record<MappingField, readonly string[]>>;
  /** The platform's own status words, on top of the common ones (a platform word wins). */
  statuses?: Record<string, OrderStatus>;
  /** Amounts may be integers in minor units (cents): read them so when every sample amount is a whole number. */
  minorUnits?: boolean;
  /** An order id starting with this marks a cancellation (invoice-style data). */
  cancelPrefix?: string;
  /** Columns (best first) holding the amount refunded on a payment's row (`MappingOptions.refundedAmount`). */
  refundedAmount?: readonly string[];
  /** Columns (best first) by which a refund row names its payment (`MappingOptions.refundOf`). */
  refundOf?: readonly string[];
  /** The layout cannot be loaded (no orders in it): what to export instead. */
  refuse?: string;
}

const WOO_ONLY = ['order_key', 'customer_user', 'payment_method_title', 'order_number_formatted', 'billing_email', 'billing_first_name', 'cart_discount'];

/**
 * Preset detection, first match wins (see the README for the rules in words
 * and the documentation each layout follows).
 */
export const PRESET_RULES: readonly PresetRule[] = [
  {
    preset: 'shopify',
    kind: 'orders',
    requires: [['financial_status'], ['lineitem_quantity', 'lineitem_name']],
    fields: {
      order_id: ['name'], customer_id: ['email', 'customer_email'], ordered_at: ['created_at'], revenue: ['subtotal', 'total'],
      status: ['financial_status'], cancelled_at: ['cancelled_at'], channel: ['source'], currency: ['currency'],
      sku: ['lineitem_sku'], quantity: ['lineitem_quantity'], unit_price: ['lineitem_price'],
    },
    // Financial Status: paid, authorized, partially_paid, pending and partially_refunded are orders;
    // voided and expired are cancelled. A non-empty "Cancelled at" cancels the order whatever its status.
    statuses: { pending: 'completed' },
  },
  {
    preset: 'shopify_customers',
    kind: 'orders',
    requires: [['customer_id', 'email'], ['total_spent'], ['total_orders']],
    fields: {},
    refuse: 'is a Shopify customers export (one row per customer with totals, no orders or dates). Export Orders instead (Shopify admin → Orders → Export) and load that.',
  },
  {
    preset: 'woocommerce',
    kind: 'orders',
    requires: [WOO_ONLY, ['status', 'order_status'], ['order_total', 'order_total_amount', 'net_sales']],
    fields: {
      order_id: ['order_number', 'order_id', 'order_number_formatted', 'id'], customer_id: ['billing_email', 'customer_email', 'email', 'customer_user', 'customer_id'],
      ordered_at: ['order_date', 'date_created', 'date', 'created_at'], revenue: ['order_total', 'order_total_amount', 'net_sales'],
      status: ['status', 'order_status'], currency: ['order_currency', 'currency'], channel: ['created_via'],
    },
    statuses: WOOCOMMERCE_STATUSES,
  },
  {
    preset: 'woocommerce_analytics',
    kind: 'orders',
    requires: [['order'], ['customer_type'], ['net_sales']],
    fields: { order_id: ['order'], customer_id: ['customer'], ordered_at: ['date'], revenue: ['net_sales'], status: ['status'] },
    statuses: WOOCOMMERCE_STATUSES,
  },
  {
    preset: 'bigcommerce',
    kind: 'orders',
    requires: [['order_total_inc_tax'], ['order_status'], ['customer_email', 'customer_id']],
    fields: {
      order_id: ['order_id'], customer_id: ['customer_email', 'customer_id'], ordered_at: ['order_date'], revenue: ['order_total_inc_tax'],
      status: ['order_status'], currency: ['order_currency_code', 'currency'], channel: ['channel_name', 'order_source'],
    },
    statuses: {
      awaiting_fulfillment: 'completed', awaiting_shipment: 'completed', awaiting_pickup: 'completed', partially_shipped: 'completed',
      manual_verification_required: 'completed', disputed: 'completed', awaiting_payment: 'cancelled', pending: 'cancelled', incomplete: 'cancelled',
    },
  },
  {
    preset: 'magento',
    kind: 'orders',
    requires: [['purchase_date'], ['grand_total_purchased', 'grand_total_base'], ['bill_to_name', 'purchase_point']],
    fields: {
      order_id: ['id', 'order_id', 'increment_id'], customer_id: ['customer_email', 'customer_id'], ordered_at: ['purchase_date'],
      revenue: ['grand_total_purchased', 'grand_total_base'], status: ['status'], channel: ['purchase_point'],
    },
    // "closed" is an order refunded by a credit memo; "holded" is on hold.
    statuses: { closed: 'refunded', holded: 'completed', payment_review: 'completed', pending: 'completed', suspected_fraud: 'cancelled', fraud: 'cancelled', pending_payment: 'cancelled' },
  },
  {
    preset: 'etsy',
    kind: 'orders',
    requires: [['sale_date'], ['order_value'], ['buyer_user_id', 'buyer']],
    fields: {
      order_id: ['order_id'], customer_id: ['buyer_user_id', 'buyer'], ordered_at: ['sale_date'], revenue: ['order_value'],
      status: ['status'], currency: ['currency'],
    },
  },
  {
    preset: 'stripe',
    kind: 'orders',
    requires: [['amount_refunded'], ['created_utc', 'created_date_utc', 'created'], ['captured', 'seller_message', 'statement_descriptor', 'converted_amount']],
    fields: {
      order_id: ['id', 'payment_intent_id', 'paymentintent_id'], customer_id: ['customer_id', 'customer_email', 'customer_email_address'],
      ordered_at: ['created_utc', 'created_date_utc', 'created'], revenue: ['amount', 'converted_amount'], status: ['status'], currency: ['currency'],
    },
    statuses: { uncaptured: 'cancelled', requires_payment_method: 'cancelled', incomplete: 'cancelled', disputed: 'completed' },
    minorUnits: true,
    refundedAmount: ['amount_refunded', 'converted_amount_refunded'],
  },
  {
    preset: 'paypal',
    kind: 'orders',
    requires: [['transaction_id'], ['gross'], ['from_email_address'], ['type']],
    fields: {
      order_id: ['transaction_id'], customer_id: ['from_email_address'], ordered_at: ['date'], revenue: ['gross'], status: ['type'], currency: ['currency'],
    },
    refundOf: ['reference_txn_id', 'reference_transaction_id'],
    // The status is read from "Type": payments are orders, refunds and reversals refunds, money movements not sales.
    statuses: {
      express_checkout_payment: 'completed', website_payment: 'completed', mobile_payment: 'completed', subscription_payment: 'completed',
      preapproved_payment_bill_user_payment: 'completed', payment_received: 'completed', paypal_here_payment: 'completed',
      payment_refund: 'refunded', payment_reversal: 'refunded', chargeback: 'refunded',
      general_currency_conversion: 'cancelled', general_withdrawal: 'cancelled', general_card_deposit: 'cancelled', general_payment: 'cancelled',
      bank_deposit_to_pp_account: 'cancelled', user_initiated_withdrawal: 'cancelled', hold_on_balance_for_dispute_investigation: 'cancelled',
      reversal_of_general_account_hold: 'cancelled', general_authorization: 'cancelled', void_of_authorization: 'cancelled',
    },
  },
  {
    preset: 'invoice_lines',
    kind: 'order_lines',
    requires: [['invoice_no', 'invoice', 'invoice_id', 'invoice_number'], ['stock_code', 'stockcode'], ['quantity'], ['unit_price', 'price']],
    fields: {
      order_id: ['invoice_no', 'invoice', 'invoice_id', 'invoice_number'], sku: ['stock_code', 'stockcode'], quantity: ['quantity'],
      unit_price: ['unit_price', 'price'], ordered_at: ['invoice_date', 'date'], customer_id: ['customer_id', 'customer'],
    },
    cancelPrefix: 'C',
  },
  {
    // The question columns are found like any survey's (a numeric 0–10 "recommend" column is the score); see surveyMonkey.ts for the two header rows.
    preset: 'surveymonkey',
    kind: 'feedback',
    requires: [['respondent_id'], ['collector_id']],
    fields: { customer_id: ['customer_id', 'email_address', 'email'], responded_at: ['end_date', 'start_date'] },
  },
  { preset: 'canonical', kind: 'feedback', requires: [['responded_at'], ['score']], fields: {} },
  { preset: 'canonical', kind: 'order_lines', requires: [['order_id'], ['ordered_at'], ['sku'], ['quantity'], ['unit_price']], excludes: ['revenue'], fields: {} },
  { preset: 'canonical', kind: 'orders', requires: [['order_id'], ['customer_id'], ['ordered_at'], ['revenue']], fields: {} },
];

/** The first preset whose rule matches the header, or `null` (generic). */
export function detectPreset(columns: readonly string[]): PresetRule | null {
  const h = new Set(columns.flatMap(headerAliases));
  return PRESET_RULES.find((rule) => rule.requires.every((group) => group.some((n) => h.has(n))) && !(rule.excludes ?? []).some((n) => h.has(n))) ?? null;
}

/**
 * The status map a preset starts with: the common words plus the platform's
 * own; words in neither load as `completed`, with a warning.
 */
export function statusMapFor(preset: Preset): Record<string, OrderStatus> {
  return { ...COMMON_STATUSES, ...PRESET_RULES.find((r) => r.preset === preset)?.statuses };
}

/** Status text as the status map keys it: lower case without accents, `_` for spaces and dashes, no `wc-` prefix. */
export function normalizeStatus(text: string): string {
  return text.trim().toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[\s-]+/g, '_').replace(/^wc_/, '');
}
