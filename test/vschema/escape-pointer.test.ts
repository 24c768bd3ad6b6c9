// JSON pointer segments are escaped as RFC 6901 says (`~` → `~0`, `/` → `~1`), names without either
// as they are.
import { describe, expect, it } from 'vitest';
import { escapePointer } from '../../src/vschema/source.js';

describe('escapePointer', () => {
  it('escapes ~ and / and leaves everything else', () => {
    expect(escapePointer('a/b~c')).toBe('a~1b~0c');
    expect(escapePointer('~/~1')).toBe('~0~1~01');
    expect(escapePointer('customer_seq')).toBe('customer_seq');
    expect(escapePointer(3)).toBe('3');
    expect(escapePointer('')).toBe('');
  });
});
