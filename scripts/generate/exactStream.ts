import type { CustomerOrders, GuestOrders, Purchase } from './orders';
import type { Rng } from './prng';

/**
 * Registered and guest purchases merged in time order, keeping exactly `keep`
 * of the `candidates` registered ones. Selection sampling (Knuth's algorithm S)
 * picks a uniform subset in one streaming pass, so the row count is exact
 * without holding the orders in memory.
 */
export class ExactOrderStream {
  private nextRegistered: Purchase | null;
  private nextGuest: Purchase | null;

  constructor(
    private readonly registered: CustomerOrders,
    private readonly guests: GuestOrders,
    private candidates: number,
    private keep: number,
    private readonly rng: Rng,
  ) {
    this.nextRegistered = registered.next();
    this.nextGuest = guests.next();
  }

  next(): Purchase | null {
    for (;;) {
      const registered = this.nextRegistered;
      const guest = this.nextGuest;
      if (registered !== null && (guest === null || registered.second <= guest.second)) {
        this.nextRegistered = this.registered.next();
        const kept = this.rng.uniform() * this.candidates < this.keep;
        this.candidates--;
        if (!kept) continue;
        this.keep--;
        return registered;
      }
      if (guest === null) return null;
      this.nextGuest = this.guests.next();
      return guest;
    }
  }
}
