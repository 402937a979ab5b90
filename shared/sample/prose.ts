/**
 * Turns phrase banks into prose. Templates hold slots in braces; `fill` replaces each slot with a value drawn
 * from the seeded PRNG (a town, a percentage, a year) or given by the caller (the outcome's topic, the
 * partner's name). Within one template a slot keeps one value, and {town2} is never the same as {town}.
 */
import { bulletList, paragraph, type RichBlock, type RichInline } from '../model';
import { Deck, type SampleRandom } from './random';

/** The facts of the fictional place that prose may mention. */
export interface PlaceFacts {
  readonly area: string;
  readonly partnershipName: string;
  readonly towns: readonly string[];
  readonly neighbourhoods: readonly string[];
  readonly partnerNames: readonly string[];
}

export type Slots = Readonly<Record<string, string>>;

const GROUPS = [
  'lone parents',
  'young carers',
  'disabled people',
  'older people living alone',
  'care leavers',
  'people from minority ethnic communities',
  'Gypsy/Travellers',
  'people with learning disabilities',
  'veterans',
  'people in recovery from addiction',
  'young people not in education or work',
];

/** Sentences that tie a generic paragraph to a place, used only to keep paragraphs distinct. */
const PLACE_TIES = [
  'This is especially true in {hood}.',
  'Staff in {town} have already seen the difference this makes.',
  'The same applies in the rural communities around {town2}.',
  'Residents of {hood} raised this point directly with us.',
  'We will start in {town2} and learn from it before going further.',
];

/** Slots that stand for a figure of the place, which must read the same wherever its sentence is used. */
const FIGURE_SLOTS = new Set([
  'pct',
  'pct2',
  'pct3',
  'pct4',
  'pctLow',
  'pctMid',
  'pctHigh',
  'staff',
  'budget',
  'n',
  'n2',
  'big',
  'money',
  'small',
  'earn',
  'earnScot',
  'year',
  'yearEarly',
  'year2',
  'year3',
  'boardMonth',
  'month',
]);

export class Writer {
  private readonly decks = new Map<readonly string[], Deck<string>>();
  /** Paragraph texts already written, so that no paragraph appears twice in one SOA. */
  private readonly written = new Set<string>();
  private readonly claimed = new Set<string>();
  /** Figures already drawn, by sentence and slot (see `fill`). */
  private readonly figures = new Map<string, string>();

  constructor(
    readonly random: SampleRandom,
    readonly place: PlaceFacts,
  ) {}

  /**
   * Replaces every {slot} in the template. Caller-given slots win over drawn ones. A figure (a percentage, a
   * count, an amount, a year) is drawn once per sentence and kept: the same fact told twice in one SOA, in the
   * place chapter and again in an outcome's evidence, gives the same number both times.
   */
  fill(template: string, given: Slots = {}): string {
    const chosen = new Map<string, string>();
    const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const known = given[name] ?? chosen.get(name);
      if (known !== undefined) return known;
      const figureKey = FIGURE_SLOTS.has(name) ? `${template}\u0000${name}` : null;
      const value = (figureKey !== null ? this.figures.get(figureKey) : undefined) ?? this.draw(name, chosen);
      if (value === null) return whole;
      if (figureKey !== null) this.figures.set(figureKey, value);
      chosen.set(name, value);
      return value;
    });
    if (/\{\w+\}/.test(text)) throw new Error(`Unfilled slot in sample text: ${text}`);
    return capitalise(text);
  }

  /** The next unused template from a bank (cycling once all are used), filled. */
  from(bank: readonly string[], given: Slots = {}): string {
    return this.fill(this.deck(bank).draw(), given);
  }

  /** `count` different sentences from a bank, filled and joined into one text. */
  several(bank: readonly string[], count: number, given: Slots = {}): string {
    return this.deck(bank)
      .drawSome(Math.min(count, bank.length))
      .map((template) => this.fill(template, given))
      .join(' ');
  }

  /**
   * Text for a paragraph that has not been written before in this SOA: builds it again (new draws) when it
   * repeats one, and as a last resort adds a sentence tied to this place.
   */
  fresh(build: () => string): string {
    for (let attempt = 0; attempt < 4; attempt++) {
      const text = build();
      if (!this.written.has(text)) {
        this.written.add(text);
        return text;
      }
    }
    let text = build();
    while (this.written.has(text)) text = `${text} ${this.fill(this.random.pick(PLACE_TIES))}`;
    this.written.add(text);
    return text;
  }

  /** True the first time a key is claimed in this SOA (a story told once, however many chapters could use it). */
  claim(key: string): boolean {
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    return true;
  }

  /** A paragraph whose text is built (and rebuilt if it would repeat) by `build`. */
  para(build: () => string): RichBlock {
    return paragraph(this.fresh(build));
  }

  /** A paragraph of sentences drawn from several banks in turn. */
  paragraphOf(banks: readonly (readonly string[])[], given: Slots = {}): RichBlock {
    return paragraph(banks.map((bank) => this.from(bank, given)).join(' '));
  }

  /** A paragraph that opens with a bold lead-in, as officers write "Prevention: ...". */
  leadIn(label: string, text: string): RichBlock {
    const content: RichInline[] = [
      { type: 'text', text: `${label} `, marks: { bold: true } },
      { type: 'text', text },
    ];
    return { type: 'paragraph', content };
  }

  bullets(bank: readonly string[], count: number, given: Slots = {}): RichBlock {
    return bulletList(
      this.deck(bank)
        .drawSome(Math.min(count, bank.length))
        .map((template) => this.fill(template, given)),
    );
  }

  private deck(bank: readonly string[]): Deck<string> {
    let deck = this.decks.get(bank);
    if (!deck) {
      deck = new Deck(this.random, bank);
      this.decks.set(bank, deck);
    }
    return deck;
  }

  private draw(name: string, chosen: ReadonlyMap<string, string>): string | null {
    const r = this.random;
    const { towns, neighbourhoods } = this.place;
    switch (name) {
      case 'area':
        return this.place.area;
      case 'cpp':
        return this.place.partnershipName;
      case 'town':
        return r.pick(towns);
      case 'town2': {
        const first = chosen.get('town');
        return r.pick(towns.filter((town) => town !== first));
      }
      case 'hood':
        return r.pick(neighbourhoods);
      case 'partner':
        return r.pick(this.place.partnerNames);
      case 'group':
        return r.pick(GROUPS);
      case 'pct':
        return `${r.int(5, 45)}%`;
      case 'pct2':
        return `${r.int(8, 30)}%`;
      case 'pct3':
        return `${r.int(15, 60)}%`;
      case 'pct4':
        return `${r.int(55, 92)}%`;
      case 'pctLow':
        return `${r.int(3, 12)}%`;
      case 'pctMid':
        return `${r.int(18, 34)}%`;
      case 'pctHigh':
        return `${r.int(38, 62)}%`;
      case 'staff':
        return thousands(r.int(30, 95) * 100);
      case 'budget':
        return String(r.int(180, 420));
      case 'boardMonth':
        return r.pick(['January', 'February', 'March']);
      case 'n':
        return String(r.int(3, 12));
      case 'n2':
        return String(r.int(20, 180));
      case 'big':
        return thousands(r.int(12, 240) * 10);
      case 'year':
        return String(r.int(2008, 2012));
      case 'money':
        return (r.int(12, 480) / 10).toFixed(1);
      case 'small':
        return thousands(r.int(5, 50) * 5000);
      case 'earn':
        return String(r.int(372, 455));
      case 'earnScot':
        return String(r.int(490, 508));
      case 'yearEarly':
        return String(r.int(2006, 2009));
      case 'year2':
        return String(r.int(2014, 2015));
      case 'year3': {
        const year2 = Number(chosen.get('year2') ?? 2014);
        return String((year2 + 1) % 100).padStart(2, '0');
      }
      case 'month':
        return r.pick(['April', 'June', 'September', 'November', 'January', 'March']);
      default:
        return null;
    }
  }
}

export function capitalise(text: string): string {
  return text.length > 0 ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** 12345 -> "12,345" (the same everywhere, unlike locale formatting). */
export function thousands(value: number): string {
  const [whole = '0', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** Joins words as people write lists: "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
