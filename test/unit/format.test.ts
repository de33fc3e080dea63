import { describe, expect, it } from 'vitest';
import { formatBytes, formatCell, formatDuration } from '../../src/lib/format';

describe('formatCell', () => {
  it.each([
    [1234567, '1,234,567'],
    [1234.5678, '1,234.57'],
    [null, '∅'],
    [true, 'true'],
    ['2024-03-05T00:00:00', '2024-03-05'],
    ['2024-03-05T10:20:30', '2024-03-05 10:20:30'],
    ["Can't Lose Them", "Can't Lose Them"],
    ['Tea Time', 'Tea Time'],
  ] as const)('%j → %s', (value, text) => expect(formatCell(value)).toBe(text));
});

describe('durations and sizes', () => {
  it('reads like a person writes them', () => {
    expect(formatDuration(85.4)).toBe('85 ms');
    expect(formatDuration(1430)).toBe('1.43 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12.3 * 1024 * 1024)).toBe('12.3 MB');
  });
});
