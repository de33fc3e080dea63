import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnInfo, EngineApi } from '../../../src/lib/engine/api';
import type { Row } from '../../../src/lib/engine/rows';
import {
  customerColumns,
  customerListQuery,
  listFileName,
  listName,
  type CustomerColumns,
  type ListLayout,
} from '../../../src/lib/exports/customerList';
import { isMoney, resultAsOf, resultFileName } from '../../../src/lib/exports/exportValues';
import { startEngine } from '../../recipes/helpers';

let engine: EngineApi;
let columns: ColumnInfo[];
let rows: Row[];

// A result as a notebook cell leaves it: float noise in the money, timestamps, a segment, an id that is an address.
const TABLE = `CREATE TABLE at_risk AS SELECT * FROM (VALUES
  ('ann@example.com', 'Ann', TIMESTAMP '2011-01-05 00:00:00', TIMESTAMP '2011-06-01 13:45:10', 5, 4295022.429999998::DOUBLE, 0.123456789::DOUBLE, 'At Risk', DATE '2011-12-09'),
  ('=cmd|calc@x.io', NULL, TIMESTAMP '2011-02-01 00:00:00', TIMESTAMP '2011-03-01 00:00:00', 2, 10.005::DOUBLE, 0.5::DOUBLE, 'At Risk', DATE '2011-12-09'),
  ('not an address', 'Bo, Jr.', TIMESTAMP '2011-03-01 00:00:00', TIMESTAMP '2011-04-01 00:00:00', 1, 0.1::DOUBLE + 0.2::DOUBLE, NULL, 'At Risk', DATE '2011-12-09')
) AS t(customer_id, first_name, first_order_at, last_order_at, orders, revenue, p_alive, segment, as_of)`;

async function csv(layout: ListLayout, customer: CustomerColumns): Promise<string[]> {
  const { sql, params } = customerListQuery('at_risk', columns, customer, layout, 'at-risk-customers');
  return new TextDecoder().decode(await engine.exportQuery(sql, params, 'csv')).trimEnd().split('\n');
}

beforeAll(async () => {
  engine = await startEngine();
  await engine.exec(TABLE);
  const result = await engine.query('SELECT * FROM at_risk');
  columns = result.columns;
  const { tableFromIPC } = await import('apache-arrow');
  const { toRows } = await import('../../../src/lib/engine/rows');
  rows = toRows(tableFromIPC(result.ipc));
});

describe('which results are customer lists', () => {
  it('finds the id, names and segment by column name, and an e-mail column only where the values are addresses', () => {
    expect(customerColumns(columns, rows)).toEqual({ id: 'customer_id', email: null, firstName: 'first_name', lastName: null, phone: null, segment: 'segment' });
    const addresses = rows.slice(0, 1);
    expect(customerColumns(columns, addresses)?.email).toBe('customer_id');
    expect(customerColumns([{ name: 'Email', type: 'VARCHAR' }], [])).toMatchObject({ id: null, email: 'Email' });
    expect(customerColumns([{ name: 'period', type: 'DATE' }, { name: 'crr', type: 'DOUBLE' }], [])).toBeNull();
  });

  it('treats revenue-like numbers as money, and rates, scores and counts not', () => {
    const money = (name: string, type = 'DOUBLE') => isMoney({ name, type });
    expect([money('revenue'), money('monetary'), money('predicted_clv'), money('avg_order_value', 'DECIMAL(18,3)')]).toEqual([true, true, true, true]);
    expect([money('repeat_rate'), money('revenue_share'), money('m_score'), money('orders'), money('revenue', 'VARCHAR')]).toEqual([false, false, false, false, false]);
  });
});

describe('names', () => {
  it('names a list by its one segment and as_of, else by the result', () => {
    const customer = customerColumns(columns, rows)!;
    expect(listName('at_risk', rows, customer, true)).toBe('at-risk-customers');
    expect(listName('win_back', rows, customer, false)).toBe('win-back-customers');
    expect(listName('Lapsed customers', [], { ...customer, segment: null }, true)).toBe('lapsed-customers');
    expect(resultAsOf(rows, null)).toBe('2011-12-09');
    expect(resultAsOf([], '2024-12-31')).toBe('2024-12-31');
    expect(listFileName('at-risk-customers', '2011-12-09', 'plain')).toBe('at-risk-customers-2011-12-09.csv');
    expect(listFileName('at-risk-customers', '2011-12-09', 'klaviyo')).toBe('at-risk-customers-2011-12-09-klaviyo.csv');
    expect(listFileName('at-risk-customers', null, 'shopify')).toBe('at-risk-customers-shopify.csv');
  });

  it('names any result exported as it is by the result and its date, as a list is named', () => {
    expect(resultFileName('rfm_segments', '2011-12-09', 'csv')).toBe('rfm-segments-2011-12-09.csv');
    expect(resultFileName('Käufe pro Monat', '2024-12-31', 'parquet')).toBe('kaufe-pro-monat-2024-12-31.parquet');
    expect(resultFileName('crr', null, 'json')).toBe('crr.json');
    expect(resultFileName('___', null, 'csv')).toBe('result.csv');
  });
});

describe('the files, written by the engine', () => {
  it('keeps every column, money to the cent, dates ISO, and escapes a formula', async () => {
    const lines = await csv('plain', customerColumns(columns, rows)!);
    expect(lines[0]).toBe('customer_id,first_name,first_order_at,last_order_at,orders,revenue,p_alive,segment,as_of');
    expect(lines[1]).toBe('ann@example.com,Ann,2011-01-05,2011-06-01T13:45:10,5,4295022.43,0.123456789,At Risk,2011-12-09');
    expect(lines[2]).toBe("'=cmd|calc@x.io,,2011-02-01,2011-03-01,2,10.01,0.5,At Risk,2011-12-09");
    expect(lines[3]).toBe('not an address,"Bo, Jr.",2011-03-01,2011-04-01,1,0.3,,At Risk,2011-12-09');
  });

  it('the same columns as JSON and Parquet: money to the cent there too', async () => {
    const { sql, params } = customerListQuery('at_risk', columns, customerColumns(columns, rows)!, 'plain', 'at-risk-customers');
    const json = JSON.parse(new TextDecoder().decode(await engine.exportQuery(sql, params, 'json'))) as Row[];
    expect(json.map((row) => row.revenue)).toEqual([4295022.43, 10.01, 0.3]);
    expect(json[0].last_order_at).toBe('2011-06-01T13:45:10');
    const parquet = await engine.exportQuery(sql, params, 'parquet');
    expect(new TextDecoder().decode(parquet.subarray(0, 4))).toBe('PAR1');
  });

  it('Klaviyo: its profile fields first, the rest as custom properties, rows without an address left out', async () => {
    const customer = { ...customerColumns(columns, rows)!, email: 'customer_id' };
    const lines = await csv('klaviyo', customer);
    expect(lines[0]).toBe('email,external_id,first_name,recur_list,first_order_at,last_order_at,orders,revenue,p_alive,segment,as_of');
    expect(lines[1]).toBe('ann@example.com,ann@example.com,Ann,at-risk-customers,2011-01-05,2011-06-01T13:45:10,5,4295022.43,0.123456789,At Risk,2011-12-09');
    expect(lines).toHaveLength(4);
  });

  it('Mailchimp: Email Address, names, the list and segment as tags, other fields in title case', async () => {
    const customer = { ...customerColumns(columns, rows)!, email: 'customer_id' };
    const lines = await csv('mailchimp', customer);
    expect(lines[0]).toBe('Email Address,First Name,Last Name,Tags,First Order At,Last Order At,Orders,Revenue,P Alive,As Of');
    expect(lines[1]).toBe('ann@example.com,Ann,,"at-risk-customers,At Risk",2011-01-05,2011-06-01T13:45:10,5,4295022.43,0.123456789,2011-12-09');
  });

  it("Shopify: the customer import's columns, what Recur knows in the note", async () => {
    const customer = { ...customerColumns(columns, rows)!, email: 'customer_id' };
    const lines = await csv('shopify', customer);
    expect(lines[0]).toBe('First Name,Last Name,Email,Phone,Tags,Note');
    expect(lines[1]).toBe('Ann,,ann@example.com,,"at-risk-customers, At Risk",first_order_at: 2011-01-05; last_order_at: 2011-06-01T13:45:10; orders: 5; revenue: 4295022.43; p_alive: 0.123456789; as_of: 2011-12-09');
  });

  it('binds the list name, so a name with quotes stays text', async () => {
    const { sql, params } = customerListQuery('at_risk', columns, { ...customerColumns(columns, rows)!, email: 'customer_id' }, 'klaviyo', "o'brien; DROP TABLE x");
    expect(sql).not.toContain('brien');
    const text = new TextDecoder().decode(await engine.exportQuery(sql, params, 'csv'));
    expect(text).toContain("o'brien; DROP TABLE x");
  });
});
