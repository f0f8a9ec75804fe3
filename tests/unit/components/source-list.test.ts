/** Sources are linked to the original where sources.csv gives an address, and say which site it is on. */
import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import SourceList from '../../../src/components/common/SourceList.astro';
import type { Row } from '../../../src/lib/schema/tables.ts';

const online = {
  id: 'news',
  kind: '新闻报道',
  title: '打浦桥街道行动计划启动',
  publisher: '上海黄浦',
  url: 'https://www.example.gov.cn/a/1?from=wx',
} as Row<'sources'>;
const offline = { id: 'paper', kind: '新闻报道', title: '纸质报道', publisher: '某报' } as Row<'sources'>;

describe('SourceList', () => {
  it('links a source with a URL, names its host, and leaves one without a URL as text', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(SourceList, { props: { sources: [online, offline] } });
    expect(html).toMatch(
      /<li id="source-1"><a href="https:\/\/www\.example\.gov\.cn\/a\/1\?from=wx" rel="external noopener noreferrer" data-source-url>\s*打浦桥街道行动计划启动\s*<\/a>/,
    );
    expect(html).toContain('(原文,www.example.gov.cn)');
    const second = html.slice(html.indexOf('id="source-2"'));
    expect(second).toContain('<span>纸质报道</span>');
    expect(second.slice(0, second.indexOf('</li>'))).not.toContain('<a ');
  });
});
