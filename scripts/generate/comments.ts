import type { Channel } from './channels';
import type { Rng } from './prng';

export type Sentiment = 'negative' | 'neutral' | 'positive';

// Deliberately messy: commas, quoted words and the odd line break exercise CSV quoting.
const OPENERS: Record<Sentiment, readonly string[]> = {
  negative: [
    'Package arrived late and the box was crushed.',
    'Item was not as described, sending it back.',
    'Nobody answered my emails for a week.',
    'Wrong size, and the return process is a pain.',
    'Took almost three weeks to arrive.',
    'Charged twice, still waiting for the refund.',
    'The "express" shipping was anything but express.',
    'Ordered blue, got grey. "Sorry for the inconvenience" is not enough.',
    'Quality is poor, the stitching came apart after a week.',
    'Half the order was missing.',
    'Cancelled without telling me why.',
    'Refund took ages, and I had to chase it twice.',
    'Too expensive for what you get.',
    'Product smelled weird out of the box',
    'It broke on day two.',
  ],
  neutral: [
    "It's fine, nothing special.",
    'Decent product, shipping could be faster.',
    'OK, but the packaging was excessive.',
    'Good price, average quality.',
    'Works as expected. The "premium" version is not worth it, though.',
    'Delivery was on time, product is okay.',
    'Arrived a day late but it was fine',
    'Not bad. Colours are a bit off from the photos.',
    'Does the job.',
    'Sizing runs small, order one up.',
    'Fine overall, checkout was a bit clunky.',
  ],
  positive: [
    'Great quality, will order again!',
    'Fast delivery, thanks!',
    'Love it, exactly as pictured.',
    'Super easy checkout, arrived the next day.',
    'My daughter calls it her "favourite thing ever".',
    'Second order, still impressed.',
    'Excellent value for money.',
    'Perfect fit, great fabric.',
    'Best purchase this year, honestly',
    'Beautifully packed, felt like a gift.',
    'Customer service sorted my question in minutes.',
    'Always reliable.',
  ],
};

const CHANNEL_REMARKS: Record<Channel, Record<Sentiment, readonly string[]>> = {
  web: {
    negative: ['The website kept logging me out at checkout.'],
    neutral: ['Website search could be better.'],
    positive: ['Website is quick and easy to use.'],
  },
  app: {
    negative: ['App crashed at checkout, had to order twice.'],
    neutral: ['The app is okay, a bit slow to load.'],
    positive: ['The app makes reordering so easy.'],
  },
  store: {
    negative: ['Staff in store were rude, and the queue was 20 minutes.'],
    neutral: ['Store was busy, but staff were helpful enough.'],
    positive: ['Lovely staff in store, very helpful.'],
  },
  marketplace: {
    negative: ['Bought via the marketplace, seller never replied.'],
    neutral: ['Marketplace delivery estimate was a bit optimistic.'],
    positive: ['Smooth order through the marketplace.'],
  },
};

const FOLLOW_UPS: Record<Sentiment, readonly string[]> = {
  negative: [
    'Very disappointed.',
    'Will not be ordering again.',
    'Not what I expected from you, honestly.',
    'Please fix this.',
    'Asked for a replacement, no reply yet.',
  ],
  neutral: ['Might order again.', 'Would be 5 stars with faster shipping.', 'We will see.'],
  positive: ['Will recommend to friends.', 'Thank you!', '10/10 would buy again.', 'Keep it up :)'],
};

function casual(text: string): string {
  const trimmed = text.endsWith('.') ? text.slice(0, -1) : text;
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

/** A short free-text comment in the tone of the score. */
export function composeComment(rng: Rng, sentiment: Sentiment, channel: Channel): string {
  let text = rng.chance(0.15) ? rng.pick(CHANNEL_REMARKS[channel][sentiment]) : rng.pick(OPENERS[sentiment]);
  if (rng.chance(0.3)) {
    const separator = rng.chance(0.12) ? '\n' : ' ';
    text += separator + rng.pick(FOLLOW_UPS[sentiment]);
  }
  return rng.chance(0.12) ? casual(text) : text;
}
