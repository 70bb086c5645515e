import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/ui/escape-html.ts';

describe('escapeHtml', () => {
  it('neutralises markup', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes quotes and ampersands, in that order-safe way', () => {
    expect(escapeHtml(`a & "b" 'c'`)).toBe('a &amp; &quot;b&quot; &#39;c&#39;');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('leaves Vietnamese text alone', () => {
    expect(escapeHtml('© Sở Khoa học và Công nghệ')).toBe('© Sở Khoa học và Công nghệ');
  });
});
