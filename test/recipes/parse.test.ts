import { describe, expect, it } from 'vitest';
import { explainRows, fillTemplate, formatValue, suggestionsFor } from '../../src/lib/recipes/explain';
import { resolveParams } from '../../src/lib/recipes/params';
import { parseRecipe } from '../../src/lib/recipes/parse';
import { parseRowSelector, selectRow } from '../../src/lib/recipes/selector';

const EXAMPLE = `-- id: example
-- title: An example
-- description: First line
--   continues here.
-- param: period VARCHAR = 'month' [month|quarter|year] -- the calendar period
-- param: as_of DATE = NULL -- analysis date
-- param: window INTEGER = 365 -- days
-- param: rate DOUBLE = 0.5 -- a share
-- param: strict BOOLEAN = TRUE -- be strict
-- chart: crr x=period_start y=crr
-- explain-row: last where partial = false and crr is not null
-- explain: CRR = ({E} − {N}) / {S} = {crr:pct}
--   over {$window} days.
-- explain-row: otherwise last
-- explain: Nothing complete yet.
-- warn-if: partial = true -- The last period is partial.
-- empty: No orders.
SELECT $period, $as_of, $window, $rate, $strict, '$not_a_param' -- $nor_this
`;

describe('parseRecipe', () => {
  it('reads the header grammar', () => {
    const recipe = parseRecipe(EXAMPLE);
    expect(recipe).toMatchObject({
      id: 'example',
      title: 'An example',
      description: 'First line continues here.',
      chart: 'crr',
      chartOptions: { x: 'period_start', y: 'crr' },
      empty: 'No orders.',
      sql: EXAMPLE,
    });
    expect(recipe.params).toEqual([
      { name: 'period', type: 'VARCHAR', default: 'month', doc: 'the calendar period', choices: ['month', 'quarter', 'year'] },
      { name: 'as_of', type: 'DATE', default: null, doc: 'analysis date' },
      { name: 'window', type: 'INTEGER', default: 365, doc: 'days' },
      { name: 'rate', type: 'DOUBLE', default: 0.5, doc: 'a share' },
      { name: 'strict', type: 'BOOLEAN', default: true, doc: 'be strict' },
    ]);
    expect(recipe.explain).toEqual([
      {
        row: { pick: { kind: 'last' }, where: [{ column: 'partial', op: '=', value: false }, { column: 'crr', op: 'is not null' }] },
        template: 'CRR = ({E} − {N}) / {S} = {crr:pct} over {$window} days.',
        otherwise: false,
      },
      { row: { pick: { kind: 'last' }, where: [] }, template: 'Nothing complete yet.', otherwise: true },
    ]);
    expect(recipe.warnings).toEqual([{ when: [{ column: 'partial', op: '=', value: true }], message: 'The last period is partial.' }]);
  });

  it.each([
    ['a missing id', EXAMPLE.replace('-- id: example\n', ''), /exactly one "-- id:"/],
    ['an unknown type', EXAMPLE.replace('window INTEGER', 'window INT4'), /use one of VARCHAR, INTEGER, DOUBLE, DATE, BOOLEAN/],
    ['a default of the wrong type', EXAMPLE.replace("= 'month' [", "= 'week' ["), /period must be month, quarter or year/],
    ['a parameter without meaning', EXAMPLE.replace(' -- days', ''), /window needs a one-line meaning/],
    ['an undeclared $name', EXAMPLE.replace('$strict,', '$strict, $typo,'), /uses \$typo without a "-- param:" line/],
    ['an unused parameter', EXAMPLE.replace('$rate, ', ''), /rate is declared but the SQL never uses it/],
    ['an unknown format', EXAMPLE.replace('{crr:pct}', '{crr:percent}'), /unknown format/],
    ['an undeclared {$param}', EXAMPLE.replace('{$window}', '{$days}'), /\{\$days\} names a parameter the recipe does not declare/],
    ['an explain-row without explain', EXAMPLE.replace('-- explain: Nothing complete yet.\n', ''), /needs an "-- explain:" line/],
    ['a bad selector', EXAMPLE.replace('explain-row: last where', 'explain-row: final where'), /Line 11: A row selector starts with first, last/],
    ['a warning without message', EXAMPLE.replace(' -- The last period is partial.', ''), /"<condition> -- <message>"/],
    ['an explain-if before any explain', EXAMPLE.replace('-- explain-row: last where', '-- explain-if: crr > 100 -- Over.\n-- explain-row: last where'), /adds to the "-- explain:" line before it/],
    ['an explain-if without sentence', EXAMPLE.replace('-- warn-if:', '-- explain-if: crr > 100\n-- warn-if:'), /"<condition> -- <sentence>"/],
    ['a suggestion for an undeclared parameter', EXAMPLE.replace('-- empty:', '-- suggest: days = better -- Use {better}\n-- empty:'), /sets days, which the recipe does not declare/],
    ['a suggestion that is not param = column', EXAMPLE.replace('-- empty:', '-- suggest: window = 90 -- Use 90\n-- empty:'), /"<param> = <column> -- <button label>"/],
  ])('rejects %s with a readable message', (_what, text, message) => {
    expect(() => parseRecipe(text)).toThrow(message);
  });
});

describe('row selectors', () => {
  const rows = [
    { period: 'a', crr: 10, partial: false, label: "it's" },
    { period: 'b', crr: null, partial: false, label: 'x' },
    { period: 'c', crr: 30, partial: false, label: 'y' },
    { period: 'd', crr: 20, partial: true, label: 'z' },
  ];
  it.each([
    ['first', 'a'],
    ['last', 'd'],
    ['last where partial = false', 'c'],
    ['first where crr is null', 'b'],
    ['first where crr > 15 and partial != true', 'c'],
    ['max crr', 'c'],
    ['min crr where partial = true', 'd'],
    ["first where label = 'it''s'", 'a'],
    ['first where crr >= 20 and crr <= 20', 'd'],
    ['first where crr < 0', undefined],
  ])('%s picks %s', (selector, period) => {
    expect(selectRow(rows, parseRowSelector(selector))?.period).toBe(period);
  });
  it('names a column the result lacks', () => {
    expect(() => selectRow(rows, parseRowSelector('first where nope = 1'))).toThrow('The result has no column "nope".');
  });
});

describe('explanations', () => {
  it('formats counts, percentages and decimals', () => {
    expect(formatValue(13000)).toBe('13,000');
    expect(formatValue(75, 'pct')).toBe('75.0 %');
    expect(formatValue(66.66666, 'pct')).toBe('66.7 %');
    expect(formatValue(1234.5678)).toBe('1,234.57');
    expect(formatValue(1234.5678, 'count')).toBe('1,235');
    expect(formatValue(-25)).toBe('−25');
    expect(formatValue(null)).toBe('n/a');
    expect(formatValue(true)).toBe('yes');
    expect(formatValue('2024-05')).toBe('2024-05');
  });

  it('fills the template from the row and the parameters', () => {
    const text = fillTemplate('({E} − {N}) / {S} = {crr:pct} over {$window} days', { E: 13000, N: 5500, S: 10000, crr: 75 }, { window: 31 });
    expect(text).toBe('(13,000 − 5,500) / 10,000 = 75.0 % over 31 days');
    expect(() => fillTemplate('{missing}', {}, {})).toThrow('The explanation uses the column "missing"');
  });

  it('uses an otherwise block only when no earlier block found its row', () => {
    const recipe = parseRecipe(EXAMPLE);
    const complete = [{ E: 60, N: 20, S: 80, crr: 50, partial: false }];
    expect(explainRows(recipe.explain, complete, { window: 365 })).toBe('CRR = (60 − 20) / 80 = 50.0 % over 365 days.');
    expect(explainRows(recipe.explain, [{ ...complete[0], partial: true }], { window: 365 })).toBe('Nothing complete yet.');
    expect(explainRows(recipe.explain, [], {})).toBeNull();
  });
});

describe('explain-if and suggest', () => {
  const recipe = parseRecipe(
    EXAMPLE.replace('--   over {$window} days.\n', '--   over {$window} days.\n-- explain-if: crr > 100 and back > 0 -- {back} came\n--   back.\n').replace(
      '-- empty:',
      '-- suggest: window = better_window -- Use {better_window} days\n-- empty:',
    ),
  );
  const row = { E: 110, N: 0, S: 100, crr: 110, partial: false, back: 10, better_window: null };

  it('adds a clause to its paragraph only for rows that meet it', () => {
    expect(recipe.explain[0].clauses).toEqual([
      { when: [{ column: 'crr', op: '>', value: 100 }, { column: 'back', op: '>', value: 0 }], template: '{back} came back.' },
    ]);
    expect(explainRows(recipe.explain, [row], { window: 90 })).toBe('CRR = (110 − 0) / 100 = 110.0 % over 90 days. 10 came back.');
    expect(explainRows(recipe.explain, [{ ...row, E: 90, crr: 90 }], { window: 90 })).toBe('CRR = (90 − 0) / 100 = 90.0 % over 90 days.');
  });

  it('skips a clause whose condition names a column the result lacks (an older copy of the SQL)', () => {
    const { back: _back, ...older } = row;
    expect(explainRows(recipe.explain, [older], { window: 90 })).toBe('CRR = (110 − 0) / 100 = 110.0 % over 90 days.');
  });

  it('offers a suggestion when the first row has a value for it', () => {
    expect(recipe.suggest).toEqual([{ param: 'window', column: 'better_window', label: 'Use {better_window} days' }]);
    expect(suggestionsFor(recipe.suggest, [row])).toEqual([]);
    expect(suggestionsFor(recipe.suggest, [{ ...row, better_window: 90 }, { ...row, better_window: null }])).toEqual([
      { param: 'window', value: 90, label: 'Use 90 days' },
    ]);
    expect(suggestionsFor(recipe.suggest, [])).toEqual([]);
  });
});

describe('resolveParams', () => {
  const recipe = parseRecipe(EXAMPLE);
  it('fills defaults, converts text and ignores parameters the recipe does not take', () => {
    expect(resolveParams(recipe, { window: '30', rate: '0.25', strict: 'false', as_of: '2024-02-29', period: undefined, other: 1 })).toEqual({
      period: 'month', as_of: '2024-02-29', window: 30, rate: 0.25, strict: false,
    });
  });
  it.each([
    [{ period: 'week' }, 'period must be month, quarter or year, not "week".'],
    [{ window: 1.5 }, 'window must be a whole number, not 1.5.'],
    [{ window: 'many' }, 'window must be a number, not "many".'],
    [{ rate: '' }, 'rate must be a number, not "".'],
    [{ as_of: '2023-02-29' }, 'as_of must be a date written YYYY-MM-DD, not "2023-02-29".'],
    [{ strict: 'yes' }, 'strict must be true or false, not "yes".'],
  ])('rejects %o', (input, message) => {
    expect(() => resolveParams(recipe, input)).toThrow(message);
  });
});
