import { describe, expect, it } from 'vitest';
import { orderKeyAt, orderKeyAtEnd, sortOrdered } from './ordering';

describe('fractional ordering', () => {
  it('places items at the end and between neighbours', () => {
    const a = { id: 'a', order: orderKeyAtEnd([]) };
    const b = { id: 'b', order: orderKeyAtEnd([a]) };
    const c = { id: 'c', order: orderKeyAt([a, b], 1) };
    expect(sortOrdered([b, c, a]).map((item) => item.id)).toEqual(['a', 'c', 'b']);
    const first = { id: 'd', order: orderKeyAt([a, b, c], 0) };
    expect(sortOrdered([a, b, c, first])[0]?.id).toBe('d');
  });

  it('orders equal keys (a concurrent insert at the same place) by id, and can still insert after them', () => {
    const x = { id: 'x', order: 'a1' };
    const y = { id: 'y', order: 'a1' };
    expect(sortOrdered([y, x]).map((item) => item.id)).toEqual(['x', 'y']);
    const between = { id: 'z', order: orderKeyAt([x, y], 1) };
    expect(between.order > 'a1').toBe(true);
  });

  it('survives a stored key that is not a valid fractional key', () => {
    const broken = { id: 'q', order: '!!not a key' };
    expect(() => orderKeyAtEnd([broken])).not.toThrow();
  });
});
