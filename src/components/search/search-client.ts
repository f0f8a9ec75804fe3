/**
 * The search page in the browser: runs the query in the URL (?q=…&district=…&sort=…), keeps the
 * URL in step as the reader types or filters (history.replaceState), and shows results with
 * excerpts and filter controls. Without JavaScript none of this runs and the page's browse links
 * do the job.
 *
 * Two indexes, cheapest first. Words alone are first looked up in the names index
 * (names-client.ts): the pages named like the query, at a cost that does not grow with the city.
 * Pagefind (full text, filters, sorts) is loaded only when the reader asks for it (the full-text
 * button, ?all=1, a filter or sort), or when no name holds the query — a person, a phrase from a
 * notice, a single character.
 *
 * Full text comes from two Pagefind bundles (src/integrations/search-bundles.ts): every page but
 * the compound pages first, whose results are drawn as soon as they come; then, without the
 * reader asking, the compound pages' bundle, whose results are a group of their own below
 * ("小区页面"), so that nothing already on screen moves or changes order when they arrive. Filters
 * and sorts apply to both groups; the filter counts are the two bundles' together.
 */
import { bestExcerpt, excerptFragment, markTerms } from './excerpt.ts';
import { joinCut, segmentHan } from './han-words.ts';
import {
  loadCompoundsPagefind,
  loadPagefind,
  type PagefindApi,
  type PagefindResult,
  type PagefindResultData,
  type PagefindSearch,
} from './pagefind-api.ts';
import { searchNames, type NameHit, type NamesAnswer } from './names-client.ts';
import { compact, holdsPhrases, parseQuery, type SearchQuery } from './query.ts';
import { orderByTitle } from './title-rank.ts';
import {
  FILTER_KEYS,
  FILTER_LABELS,
  SORT_KEYS,
  SORT_LABELS,
  hasCriteria,
  namesFirst,
  orderFilterValues,
  pagefindOptions,
  parseSearchParams,
  toSearchString,
  type FilterKey,
  type SearchState,
} from './search-state.ts';

const PAGE_SIZE = 10;
/**
 * How many of Pagefind's first results may be reordered by title. Each costs one fragment
 * fetch, so it is the first screen and no more: at city scale a deeper rerank pushed a first
 * query over its 300 KB budget (bench/README.md). Pagefind already ranks title words high.
 */
const TITLE_RERANK_DEPTH = PAGE_SIZE;
/** Wait this long after the last keystroke before searching, so typing stays smooth on old phones. */
const TYPING_DELAY_MS = 250;
const BASE_TITLE = document.title;

interface Elements {
  form: HTMLFormElement;
  input: HTMLInputElement;
  controlsBox: HTMLDetailsElement;
  controls: HTMLFieldSetElement;
  activeCount: HTMLElement;
  status: HTMLElement;
  results: HTMLOListElement;
  more: HTMLButtonElement;
  fullText: HTMLButtonElement;
  compounds: HTMLElement;
  compoundsTitle: HTMLElement;
  compoundResults: HTMLOListElement;
  compoundsMore: HTMLButtonElement;
}

/** A list of Pagefind results on screen, with its 显示更多 button and the results not yet shown. */
interface Group {
  list: HTMLOListElement;
  more: HTMLButtonElement;
  pending: PagefindResult[];
}

function find<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`search page: ${selector} missing`);
  return el;
}

function option(value: string, label: string): HTMLOptionElement {
  const el = document.createElement('option');
  el.value = value;
  el.textContent = label;
  return el;
}

function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'search-filter';
  const labelEl = document.createElement('label');
  labelEl.htmlFor = id;
  labelEl.textContent = label;
  control.id = id;
  wrap.append(labelEl, control);
  return wrap;
}

/** One <select> per filter that the index has, plus the sort order. */
function buildControls(
  fieldset: HTMLFieldSetElement,
  available: Record<string, Record<string, number>>,
  state: SearchState,
): Map<FilterKey, HTMLSelectElement> {
  const selects = new Map<FilterKey, HTMLSelectElement>();
  for (const key of FILTER_KEYS) {
    const counts = available[key] ?? {};
    const wanted = state.filters[key];
    const values = orderFilterValues(key, wanted ? [...Object.keys(counts), wanted] : Object.keys(counts));
    if (values.length === 0) continue;
    const select = document.createElement('select');
    select.name = key;
    select.append(option('', '全部'));
    for (const value of values) {
      const el = option(value, value);
      el.dataset.value = value;
      select.append(el);
    }
    select.value = wanted ?? '';
    fieldset.append(labelled(`search-filter-${key}`, FILTER_LABELS[key], select));
    selects.set(key, select);
  }
  const sort = document.createElement('select');
  sort.name = 'sort';
  for (const key of SORT_KEYS) sort.append(option(key, SORT_LABELS[key]));
  sort.value = state.sort;
  fieldset.append(labelled('search-sort', '排序', sort));
  return selects;
}

/** Shows how many results each filter value would leave, e.g. "黄浦区 (3)". */
function updateCounts(
  selects: Map<FilterKey, HTMLSelectElement>,
  counts: Record<string, Record<string, number>>,
): void {
  for (const [key, select] of selects) {
    for (const el of Array.from(select.options)) {
      const value = el.dataset.value;
      if (value === undefined) continue;
      const n = counts[key]?.[value] ?? 0;
      el.textContent = `${value} (${n})`;
    }
  }
}

/** How many filters and sorts the reader has chosen. */
function activeCriteria(state: SearchState): number {
  return FILTER_KEYS.filter((key) => state.filters[key]).length + (state.sort ? 1 : 0);
}

function readState(els: Elements): SearchState {
  return parseSearchParams(new URLSearchParams(new FormData(els.form) as unknown as Record<string, string>));
}

/** Results whose data is loaded once, however often it is asked for. */
async function loadData(results: readonly PagefindResult[]): Promise<PagefindResult[]> {
  const data = await Promise.all(results.map((r) => r.data()));
  return results.map((r, i): PagefindResult => {
    const d = data[i] as PagefindResultData;
    return { ...r, data: () => Promise.resolve(d) };
  });
}

/**
 * Pagefind's results for the reader's query. With a phrase in quotes, Pagefind's exact search
 * already wants its words one after the other, but it compares words, not text (punctuation is
 * dropped, and a word cut differently on a page still matches by its start), so every result is
 * checked against the page's own text (content and title, from its fragment) and kept only if it
 * holds the phrase. That loads one fragment per result, which a quoted search can afford: it
 * asks for pages holding a whole phrase, not for everything that mentions a word.
 * Then the first results are reordered so that pages named like the query come first
 * (title-rank.ts). Only a words search is reordered; a filter-only list or a sort chosen by the
 * reader keeps Pagefind's order.
 */
async function rankResults(
  query: SearchQuery,
  results: readonly PagefindResult[],
  byTitle: boolean,
): Promise<PagefindResult[]> {
  let found = [...results];
  if (query.phrases.length > 0) {
    const loaded = await loadData(found);
    const data = await Promise.all(loaded.map((r) => r.data()));
    found = loaded.filter((_, i) => holdsPhrases(query, `${data[i]?.meta.title ?? ''} ${data[i]?.content ?? ''}`));
  }
  if (!byTitle || query.terms.length === 0) return found;
  const head = await loadData(found.slice(0, TITLE_RERANK_DEPTH));
  const titles = await Promise.all(head.map(async (r) => (await r.data()).meta.title ?? ''));
  const order = orderByTitle(query.pagefind, titles);
  return [...order.map((i) => head[i] as PagefindResult), ...found.slice(TITLE_RERANK_DEPTH)];
}

/**
 * A bundle's search for the query, with nothing found when one of its words (as Pagefind cuts
 * it, han-words.ts) is on none of the bundle's pages. Pagefind does not find nothing for a word
 * its index lacks: it leaves the word out, or matches pages on a part of it (中海 on pages with
 * neither 中海 nor 中海物业). With one index for every page that only touched words the whole
 * site lacks; with two, a word only the other bundle holds would make this one list pages that
 * hold the rest of the query. When the bundle holds every word, every page it finds holds them
 * all, so its first page tells: its fragment is one the answer shows anyway (nothing more is
 * fetched).
 */
async function searchBundle(api: PagefindApi, query: SearchQuery, state: SearchState): Promise<PagefindSearch | null> {
  const search = await api.search(query.pagefind || null, pagefindOptions(state));
  const first = search?.results[0];
  if (!search || !first) return search;
  const words = segmentHan(query.pagefind.replace(/"/g, ' '))
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  const data = await first.data();
  const text = compact(`${data.meta.title ?? ''} ${data.content ?? ''}`);
  return words.every((w) => text.includes(compact(w)))
    ? search
    : { ...search, results: [], unfilteredResultCount: 0, filters: {} };
}

/** What the result line under a title says: page kind, district, street. */
function factsLine(facts: readonly (string | undefined)[]): HTMLParagraphElement | undefined {
  const shown = facts.filter((v): v is string => Boolean(v));
  if (shown.length === 0) return undefined;
  const meta = document.createElement('p');
  meta.className = 'search-result__meta';
  meta.textContent = shown.join(' · ');
  return meta;
}

/**
 * A names-index hit: the name with the query marked, what it is (a page's kind, a person's role
 * and the compound or firm naming them), where, and the other name that matched, if that was it.
 */
function renderName(hit: NameHit, query: SearchQuery): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'search-result';
  const link = document.createElement('a');
  link.className = 'search-result__title';
  link.href = hit.url;
  link.append(excerptFragment(markTerms(hit.name, query.terms), document));
  li.append(link);
  const facts = factsLine([hit.role || hit.kind, hit.place, hit.district, hit.street]);
  if (facts) li.append(facts);
  if (hit.alias) {
    const alias = document.createElement('p');
    alias.className = 'search-result__excerpt';
    alias.append('又名:', excerptFragment(markTerms(hit.alias, query.terms), document));
    li.append(alias);
  }
  return li;
}

async function renderResult(result: PagefindResult, query: SearchQuery): Promise<HTMLLIElement> {
  const data = await result.data();
  const li = document.createElement('li');
  li.className = 'search-result';
  const link = document.createElement('a');
  link.className = 'search-result__title';
  link.href = data.url;
  link.textContent = joinCut(data.meta.title ?? data.url);
  li.append(link);
  const facts = factsLine([data.filters.kind?.[0], data.filters.district?.[0], data.filters.street?.[0]]);
  if (facts) li.append(facts);
  const best = bestExcerpt(query.terms, { excerpt: data.excerpt }, data.sub_results ?? [], data.content);
  if (best.text) {
    const excerpt = document.createElement('p');
    excerpt.className = 'search-result__excerpt';
    excerpt.append(excerptFragment(markTerms(best.text, query.terms), document));
    li.append(excerpt);
  }
  if (best.url && best.title) {
    const section = document.createElement('p');
    section.className = 'search-result__section';
    const sectionLink = document.createElement('a');
    sectionLink.href = best.url;
    sectionLink.textContent = `见“${best.title}”一节`;
    section.append(sectionLink);
    li.append(section);
  }
  return li;
}

/** One bundle's answer: Pagefind's search and how many of its results are shown (after the phrase check). */
interface Answer {
  search: PagefindSearch;
  shown: number;
}

/** The answer of a site without compound pages (it has no compounds bundle). */
const NO_ANSWER: Answer = {
  search: { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {} },
  shown: 0,
};

/** The status line: the first bundle's answer, and the compound pages' once they are in (undefined while loading). */
function describe(state: SearchState, first: Answer, compounds: Answer | undefined): string {
  const words = state.q ? `“${state.q}”` : '所选条件';
  const n = first.shown + (compounds?.shown ?? 0);
  if (!compounds) return n === 0 ? `${words}:正在查找小区页面……` : `${words}:找到 ${n} 个结果,正在查找小区页面……`;
  if (n === 0) {
    return state.q
      ? `没有找到与${words}相关的页面。请换个说法(例如只输入小区名称的一部分),或减少筛选条件。`
      : '没有符合所选条件的页面。请减少筛选条件。';
  }
  const answers = [first, compounds];
  const filtered = FILTER_KEYS.some((key) => state.filters[key]);
  // Pagefind's count before filters knows nothing of the phrase check: only shown without phrases.
  const before =
    filtered && state.q && answers.every((a) => a.shown === a.search.results.length)
      ? `(筛选前 ${answers.reduce((sum, a) => sum + a.search.unfilteredResultCount, 0)} 个)`
      : '';
  const grouped = compounds.shown > 0 && first.shown > 0 ? `,其中小区页面 ${compounds.shown} 个,列在后面` : '';
  return `${words}:找到 ${n} 个结果${before}${grouped}。`;
}

/** Two bundles' filter counts added up, value by value. */
function addCounts(...all: Record<string, Record<string, number>>[]): Record<string, Record<string, number>> {
  const sum: Record<string, Record<string, number>> = {};
  for (const counts of all)
    for (const [key, values] of Object.entries(counts)) {
      const into = (sum[key] ??= {});
      for (const [value, n] of Object.entries(values)) into[value] = (into[value] ?? 0) + n;
    }
  return sum;
}

export function startSearch(root: HTMLElement): void {
  const els: Elements = {
    form: find(root, 'form[data-search-form]'),
    input: find(root, 'input[name="q"]'),
    controlsBox: find(root, 'details[data-search-controls-box]'),
    controls: find(root, 'fieldset[data-search-controls]'),
    activeCount: find(root, '[data-search-active]'),
    status: find(root, '[data-search-status]'),
    results: find(root, 'ol[data-search-results]'),
    more: find(root, 'button[data-search-more]'),
    fullText: find(root, 'button[data-search-fulltext]'),
    compounds: find(root, '[data-search-compounds]'),
    compoundsTitle: find(root, '[data-search-compounds-title]'),
    compoundResults: find(root, 'ol[data-search-compound-results]'),
    compoundsMore: find(root, 'button[data-search-compounds-more]'),
  };
  const initial = parseSearchParams(new URLSearchParams(location.search));
  els.input.value = initial.q;

  let api: PagefindApi | undefined;
  let loading: Promise<PagefindApi> | undefined;
  /** Pagefind, loaded on first need (full text, filters, sorts), never for a search names answer. */
  const pagefind = (): Promise<PagefindApi> => (loading ??= loadPagefind().then((loaded) => (api = loaded)));
  let compoundsLoading: Promise<(PagefindApi & { sorts: readonly string[] }) | undefined> | undefined;
  /**
   * The compound pages' Pagefind, loaded after a first full-text answer is drawn (or for the filter
   * counts); undefined for a site without compound pages, which has no such bundle.
   */
  const compoundsPagefind = (): Promise<(PagefindApi & { sorts: readonly string[] }) | undefined> =>
    (compoundsLoading ??= loadCompoundsPagefind().catch((error: unknown) => {
      console.warn(error);
      return undefined;
    }));
  /** The names answer on screen, while it has more hits to show. */
  let moreNames: NamesAnswer | undefined;
  let selects = new Map<FilterKey, HTMLSelectElement>();
  let allCounts: Record<string, Record<string, number>> = {};
  let generation = 0;
  /** The search on screen, for choosing and marking excerpts. */
  let shownQuery = parseQuery('');
  const main: Group = { list: els.results, more: els.more, pending: [] };
  const compoundGroup: Group = { list: els.compoundResults, more: els.compoundsMore, pending: [] };
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setStatus = (text: string) => {
    els.status.textContent = text;
  };

  async function showMore(group: Group, gen: number): Promise<void> {
    if (group === main && moreNames) {
      const answer = moreNames;
      const hits = await answer.next(PAGE_SIZE);
      if (gen !== generation) return;
      els.results.append(...hits.map((hit) => renderName(hit, shownQuery)));
      els.more.hidden = answer.done();
      return;
    }
    const next = group.pending.slice(0, PAGE_SIZE);
    group.pending = group.pending.slice(PAGE_SIZE);
    const items = await Promise.all(next.map((result) => renderResult(result, shownQuery)));
    if (gen !== generation) return;
    group.list.append(...items);
    group.more.hidden = group.pending.length === 0;
  }

  function hideCompounds(): void {
    els.compounds.hidden = true;
    compoundGroup.list.replaceChildren();
    compoundGroup.pending = [];
    compoundGroup.more.hidden = true;
  }

  async function run(state: SearchState): Promise<void> {
    const gen = ++generation;
    const query = toSearchString(state);
    const active = activeCriteria(state);
    els.activeCount.textContent = active > 0 ? `(已选 ${active} 项)` : '';
    history.replaceState(history.state, '', `${location.pathname}${query}`);
    document.title = state.q ? `“${state.q}” 的搜索结果 · ${BASE_TITLE}` : BASE_TITLE;
    els.fullText.hidden = true;
    moreNames = undefined;
    hideCompounds();
    if (!hasCriteria(state)) {
      els.results.replaceChildren();
      els.more.hidden = true;
      updateCounts(selects, allCounts);
      setStatus('请输入小区名称、物业企业、人名、荣誉称号或街道;也可以只用筛选条件浏览。');
      root.dataset.searchDone = query;
      return;
    }
    root.setAttribute('aria-busy', 'true');
    const words = parseQuery(state.q);
    if (namesFirst(state) && (await showNames(gen, state, words))) return;
    const loaded = await pagefind();
    if (gen !== generation) return;
    const search = await searchBundle(loaded, words, state);
    if (gen !== generation || search === null) return;
    // A sort chosen by the reader is kept as Pagefind gives it (phrases are still checked).
    const ranked = await rankResults(words, search.results, !state.sort);
    if (gen !== generation) return;
    els.results.replaceChildren();
    shownQuery = words;
    main.pending = ranked;
    await showMore(main, gen);
    if (gen !== generation) return;
    const first: Answer = { search, shown: ranked.length };
    updateCounts(selects, search.filters);
    setStatus(describe(state, first, undefined));
    root.setAttribute('aria-busy', 'false');
    // Only now the compound pages' bundle: its files never delay the first answer.
    const compounds = await showCompounds(gen, state, words);
    if (gen !== generation) return;
    const answer = compounds ?? NO_ANSWER;
    updateCounts(selects, addCounts(search.filters, answer.search.filters));
    setStatus(describe(state, first, answer));
    root.dataset.searchDone = query;
  }

  /** The compound pages' results as their own group below the others; undefined when the site has none to search. */
  async function showCompounds(gen: number, state: SearchState, words: SearchQuery): Promise<Answer | undefined> {
    const loaded = await compoundsPagefind();
    if (gen !== generation || !loaded) return undefined;
    // A sort no compound page carries lists none of them ("只列有得分的页面").
    if (state.sort && !loaded.sorts.includes(state.sort)) return NO_ANSWER;
    const search = await searchBundle(loaded, words, state);
    if (gen !== generation || search === null) return undefined;
    const ranked = await rankResults(words, search.results, !state.sort);
    if (gen !== generation) return undefined;
    compoundGroup.list.replaceChildren();
    compoundGroup.pending = ranked;
    await showMore(compoundGroup, gen);
    if (gen !== generation) return undefined;
    els.compoundsTitle.textContent = `小区页面(${ranked.length} 个)`;
    els.compounds.hidden = ranked.length === 0;
    return { search, shown: ranked.length };
  }

  /** The names index's first screen; false (nothing shown) when it has no page named like the query. */
  async function showNames(gen: number, state: SearchState, words: SearchQuery): Promise<boolean> {
    let answer: NamesAnswer | undefined;
    let hits: NameHit[] = [];
    try {
      answer = await searchNames(words.terms);
      hits = answer ? await answer.next(PAGE_SIZE) : [];
    } catch (error) {
      // A site indexed before the names index existed, or a file that failed to load: full text still answers.
      console.warn(error);
      return false;
    }
    if (gen !== generation) return true;
    if (!answer || hits.length === 0) return false;
    shownQuery = words;
    moreNames = answer;
    els.results.replaceChildren(...hits.map((hit) => renderName(hit, words)));
    els.more.hidden = answer.done();
    els.fullText.textContent = `全文搜索:查找正文中提到“${state.q}”的所有页面`;
    els.fullText.hidden = false;
    setStatus(
      answer.done()
        ? `名称或人名含“${state.q}”的结果 ${hits.length} 个。正文中提到它的页面,请用下面的全文搜索。`
        : `名称或人名含“${state.q}”的结果很多,先列出 ${hits.length} 个。`,
    );
    root.setAttribute('aria-busy', 'false');
    root.dataset.searchDone = toSearchString(state);
    return true;
  }

  const runNow = () => {
    clearTimeout(timer);
    void run(readState(els)).catch(fail);
  };
  const fail = (error: unknown) => {
    console.error(error);
    root.setAttribute('aria-busy', 'false');
    setStatus('搜索暂时无法使用。请刷新页面再试,或按下方的区和荣誉浏览。');
  };

  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    runNow();
  });
  els.form.addEventListener('change', (event) => {
    if (event.target !== els.input) runNow();
  });
  els.input.addEventListener('input', () => {
    clearTimeout(timer);
    if (api && els.input.value.trim()) void api.preload(els.input.value.trim()).catch(() => undefined);
    timer = setTimeout(runNow, TYPING_DELAY_MS);
  });
  els.more.addEventListener('click', () => void showMore(main, generation).catch(fail));
  els.compoundsMore.addEventListener('click', () => void showMore(compoundGroup, generation).catch(fail));
  els.fullText.addEventListener('click', () => {
    clearTimeout(timer);
    void run({ ...readState(els), all: true }).catch(fail);
  });

  /**
   * The filter and sort controls are built when the reader opens them (or the address already
   * carries filters): Pagefind's filters() fetches every filter chunk of the index, which at city
   * scale would make a first query several times heavier than the query itself (bench/README.md).
   */
  let controlsReady: Promise<void> | undefined;
  const buildControlsOnce = (loaded: PagefindApi, state: SearchState): Promise<void> =>
    (controlsReady ??= Promise.all([
      loaded.filters(),
      compoundsPagefind().then((compounds) => compounds?.filters() ?? {}),
    ]).then(([counts, compoundCounts]) => {
      allCounts = addCounts(counts, compoundCounts);
      selects = buildControls(els.controls, allCounts, state);
    }));
  els.controlsBox.addEventListener('toggle', () => {
    if (!els.controlsBox.open) return;
    const firstOpen = controlsReady === undefined;
    void pagefind()
      .then((loaded) => buildControlsOnce(loaded, readState(els)))
      .then(() => {
        if (firstOpen) runNow();
      })
      .catch(fail);
  });

  setStatus('正在搜索……');
  els.controlsBox.hidden = false;
  const start = async (): Promise<void> => {
    if (activeCriteria(initial) > 0) {
      await buildControlsOnce(await pagefind(), initial);
      els.controlsBox.open = true;
    }
    await run(initial);
  };
  start().catch(fail);
}
