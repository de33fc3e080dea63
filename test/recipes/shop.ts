import type { FeedbackRow, OrderRow } from './helpers';

/**
 * A small hand-made shop, first half of 2024, shared by the recipe tests. The
 * expected figures in each test are worked out by hand from this list.
 *
 * Completed customer orders by calendar day (what every customer metric sees):
 *   A  01-05 100 · 01-20 50 · 03-10 70 · 06-15 80        4 orders, 300
 *   B  01-15 200 (at 23:30: still 01-15, no time-zone shift)  1 order, 200
 *   C  02-10 30 and 02-10 20 (same day) · 05-01 60      3 orders, 110
 *   D  03-03 40                                          1 order,   40
 *   E  04-10 · 05-25 · 06-01 · 06-10 · 06-20, 25 each    5 orders, 125 (gross margin 10 each)
 *   G  06-20 150                                         1 order,  150
 * Not in customer metrics: D's refunded 04-01 (500) and cancelled 05-05 (300),
 * F's only order (cancelled, 02-02), and the guest orders 01-10 (999) and
 * 06-28 (10). The guest order of 06-28 is the latest order in the data, so
 * as_of defaults to 2024-06-28; the data start on 2024-01-05.
 */
export const SHOP_ORDERS: readonly OrderRow[] = [
  ['a1', 'A', '2024-01-05 10:00:00', 100],
  ['a2', 'A', '2024-01-20 11:00:00', 50],
  ['a3', 'A', '2024-03-10 09:00:00', 70],
  ['a4', 'A', '2024-06-15 16:00:00', 80],
  ['b1', 'B', '2024-01-15 23:30:00', 200],
  ['c1', 'C', '2024-02-10 09:00:00', 30],
  ['c2', 'C', '2024-02-10 15:00:00', 20],
  ['c3', 'C', '2024-05-01 08:00:00', 60],
  ['d1', 'D', '2024-03-03 12:00:00', 40],
  ['d2', 'D', '2024-04-01 12:00:00', 500, 'refunded'],
  ['d3', 'D', '2024-05-05 12:00:00', 300, 'cancelled'],
  ['e1', 'E', '2024-04-10 10:00:00', 25, 'completed', 10],
  ['e2', 'E', '2024-05-25 10:00:00', 25, 'completed', 10],
  ['e3', 'E', '2024-06-01 10:00:00', 25, 'completed', 10],
  ['e4', 'E', '2024-06-10 10:00:00', 25, 'completed', 10],
  ['e5', 'E', '2024-06-20 10:00:00', 25, 'completed', 10],
  ['f1', 'F', '2024-02-02 10:00:00', 90, 'cancelled'],
  ['g1', 'G', '2024-06-20 18:00:00', 150],
  ['guest1', null, '2024-01-10 10:00:00', 999],
  ['guest2', null, '2024-06-28 10:00:00', 10],
];

/**
 * Feedback on the shop. Linked customer = the customer of the order when the
 * response names one, else its own customer_id:
 *   #1  a1 → A      01-06  9 nps_10   "Love it"
 *   #2  A           03-12  0 nps_10   "Late delivery"
 *   #3  B           01-16  2 nps_10   "Broken item"
 *   #4  c1 → C      02-11 10 nps_10   (no comment)
 *   #5  D, d1 → D   03-05  6 nps_10   "Meh"
 *   #6  E           04-12  4 csat_5   "Good"
 *   #7  G           06-21  1 csat_5   "Terrible support"
 *   #8  guest1      01-11  5 rating_5 "Nice"  (a guest order: linked to nobody)
 *   #9  E           06-25  2 rating_5 "   "   (blank comment)
 *   #10 X           05-01  0 nps_10   "Never got my order" (X has no orders)
 *   #11 A           07-15  8 nps_10   (after the last order: counts only without an as_of cut-off)
 *   #12 B, c2 → C   02-10  7 nps_10   "ok"    (the order wins over customer_id: C's first feedback)
 */
export const SHOP_FEEDBACK: readonly FeedbackRow[] = [
  [null, 'a1', '2024-01-06 09:00:00', 9, 'nps_10', 'Love it'],
  ['A', null, '2024-03-12 09:00:00', 0, 'nps_10', 'Late delivery'],
  ['B', null, '2024-01-16 09:00:00', 2, 'nps_10', 'Broken item'],
  [null, 'c1', '2024-02-11 09:00:00', 10, 'nps_10', null],
  ['D', 'd1', '2024-03-05 09:00:00', 6, 'nps_10', 'Meh'],
  ['E', null, '2024-04-12 09:00:00', 4, 'csat_5', 'Good'],
  ['G', null, '2024-06-21 09:00:00', 1, 'csat_5', 'Terrible support'],
  [null, 'guest1', '2024-01-11 09:00:00', 5, 'rating_5', 'Nice'],
  ['E', null, '2024-06-25 09:00:00', 2, 'rating_5', '   '],
  ['X', null, '2024-05-01 09:00:00', 0, 'nps_10', 'Never got my order'],
  ['A', null, '2024-07-15 09:00:00', 8, 'nps_10', null],
  ['B', 'c2', '2024-02-10 16:00:00', 7, 'nps_10', 'ok'],
];
