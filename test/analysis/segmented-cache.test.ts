/** SegmentedCache: a bounded cache that keeps entries used often apart from a run of entries used once. */
import { describe, expect, it } from 'vitest';

import { SegmentedCache } from '../../src/analysis/core/segmented-cache.js';

describe('SegmentedCache', () => {
  it('lets the least recently used entry go once the recent window is full', () => {
    const cache = new SegmentedCache<string, number>(2, 2, 3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([10, undefined, 3]);
  });

  it('keeps an entry used often while a run of entries used once goes through', () => {
    const cache = new SegmentedCache<string, number>(2, 1, 3);
    for (let use = 0; use < 3; use++) cache.set('logger', use);
    for (let file = 0; file < 10; file++) cache.set(`file-${file}`, file);
    expect(cache.get('logger')).toBe(2);
    expect([cache.get('file-7'), cache.get('file-8'), cache.get('file-9')]).toEqual([undefined, 8, 9]);
  });

  it('moves the frequent window\'s least recently used entry back to the recent one when another is promoted', () => {
    const cache = new SegmentedCache<string, number>(1, 1, 2);
    cache.set('a', 1);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('b', 2);
    expect([cache.get('a'), cache.get('b')]).toEqual([1, 2]);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });
});
