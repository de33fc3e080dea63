import type { OrderStatus } from '../../src/lib/ingest/canonical';
import type { Purchase } from './orders';

export interface Tallies {
  readonly status: Readonly<Record<OrderStatus, number>>;
  /** Customers with at least one order of any status. */
  readonly customers: number;
  /** Of customers with a completed order, the share with two or more. */
  readonly repeatRate: number;
  readonly feedbackWithComment: number;
  readonly firstOrderAt: string;
  readonly lastOrderAt: string;
}

/** Running counts over the written (distinct) orders, for the CLI summary. */
export class Tally {
  private readonly orders: Uint32Array;
  private readonly completed: Uint32Array;
  private readonly status: Record<OrderStatus, number> = { completed: 0, refunded: 0, cancelled: 0 };
  private comments = 0;
  private first = '';
  private last = '';

  constructor(customers: number) {
    this.orders = new Uint32Array(customers);
    this.completed = new Uint32Array(customers);
  }

  order(purchase: Purchase, orderedAt: string): void {
    if (this.first === '') this.first = orderedAt;
    this.last = orderedAt;
    this.status[purchase.status]++;
    if (purchase.customer === null) return;
    const i = purchase.customer.index;
    this.orders[i] = (this.orders[i] ?? 0) + 1;
    if (purchase.status === 'completed') this.completed[i] = (this.completed[i] ?? 0) + 1;
  }

  feedback(comment: string): void {
    if (comment !== '') this.comments++;
  }

  result(): Tallies {
    let customers = 0;
    let buyers = 0;
    let repeaters = 0;
    for (let i = 0; i < this.orders.length; i++) {
      if ((this.orders[i] ?? 0) > 0) customers++;
      const completed = this.completed[i] ?? 0;
      if (completed > 0) buyers++;
      if (completed > 1) repeaters++;
    }
    return {
      status: { ...this.status },
      customers,
      repeatRate: buyers === 0 ? 0 : repeaters / buyers,
      feedbackWithComment: this.comments,
      firstOrderAt: this.first,
      lastOrderAt: this.last,
    };
  }
}
