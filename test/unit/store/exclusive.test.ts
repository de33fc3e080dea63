import { describe, expect, it } from 'vitest';
import { ExclusiveQueue } from '../../../src/lib/store/exclusive';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('ExclusiveQueue', () => {
  it('starts each piece of work only when the one before it has finished', async () => {
    const queue = new ExclusiveQueue();
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue.run(work('a')), queue.run(work('b')), queue.run(work('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('goes on after a failure, and idle() waits for everything queued', async () => {
    const queue = new ExclusiveQueue();
    const log: string[] = [];
    const failed = queue.run(async () => {
      await tick();
      throw new Error('load failed');
    });
    void queue.run(async () => {
      await tick();
      log.push('second');
    });
    await expect(failed).rejects.toThrow('load failed');
    await queue.idle();
    expect(log).toEqual(['second']);
  });
});
