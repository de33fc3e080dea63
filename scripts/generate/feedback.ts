import type { FeedbackScale } from '../../src/lib/ingest/canonical';
import { SECONDS_PER_DAY } from './calendar';
import { composeComment, type Sentiment } from './comments';
import type { Purchase } from './orders';
import type { Rng } from './prng';

export const FEEDBACK_COLUMNS = ['customer_id', 'order_id', 'responded_at', 'score', 'scale', 'comment'] as const;

export interface FeedbackDraft {
  readonly respondedSecond: number;
  readonly score: number;
  readonly scale: FeedbackScale;
  readonly comment: string;
}

const COMMENT_CHANCE: Record<Sentiment, number> = { negative: 0.55, neutral: 0.3, positive: 0.35 };

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function sentimentOf(score: number, scale: FeedbackScale): Sentiment {
  const [low, high] = scale === 'nps_10' ? [6, 9] : [2, 4];
  if (score <= low) return 'negative';
  return score >= high ? 'positive' : 'neutral';
}

/**
 * Survey response to a registered customer's order, or null if they ignore it.
 * The score is read off the same experience that drives dropout, which is what
 * makes "retention by feedback" show a real effect.
 */
export function drawFeedback(rng: Rng, purchase: Purchase): FeedbackDraft | null {
  const e = purchase.experience;
  // People with a strong opinion, either way, answer surveys more often.
  if (!rng.chance(0.21 + 0.07 * Math.min(2.5, Math.abs(e)))) return null;

  // In-app prompts ask for stars; email surveys ask the NPS question.
  const scale: FeedbackScale = rng.chance(purchase.channel === 'app' ? 0.45 : 0.05) ? 'rating_5' : 'nps_10';
  const score =
    scale === 'nps_10'
      ? Math.round(clamp(7.7 + 2.1 * e + rng.normal(0, 0.7), 0, 10))
      : Math.round(clamp(3.9 + 1.0 * e + rng.normal(0, 0.4), 1, 5));
  const days = 1 + Math.min(12, rng.poisson(1.2));
  const respondedSecond = purchase.second + days * SECONDS_PER_DAY + rng.int(0, SECONDS_PER_DAY - 1);

  const sentiment = sentimentOf(score, scale);
  const comment = rng.chance(COMMENT_CHANCE[sentiment]) ? composeComment(rng, sentiment, purchase.channel) : '';
  return { respondedSecond, score, scale, comment };
}
