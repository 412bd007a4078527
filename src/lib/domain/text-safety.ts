// Text safety for anything people type that others see: nicknames, Q&A questions, contest entry
// forms. Pure: no I/O, lists passed in or built in.
//
// Matching runs on a folded form of the text, so that disguises do not get through:
//  - NFKD: full-width and other compatibility forms become plain ones (ｆｕｃｋ → fuck);
//  - combining marks, zero-width, bidi and other format characters are dropped (f\u200bu → fu);
//  - Cyrillic, Greek and Latin look-alikes become the Latin letter (ѕhit → shit), then lower case;
//  - separators between letters are ignored: punctuation, symbols, underscores (f.u.c.k, f_u_c_k)
//    always; spaces where they spell a word out or sit between Chinese characters (f u c k,
//    法 轮 功), but not between two words ("push it" is not "pushit") unless `acrossWords` is set,
//    as it is for nicknames, where a space inside a term ("fu ck") is a disguise, not a boundary.
// Ordinary words that contain a listed term (Scunthorpe, 死角) are cut out first, leaving a gap
// that the pieces either side cannot join across.
//
// The matcher is a plain scan indexed by first character: the built-in lists have under a hundred
// terms and the texts are short (a question is at most a few hundred characters). An organisation
// list of thousands would be the point to switch to an Aho–Corasick automaton.
import { latinLookalikes } from './confusables';
import { ALLOWED_WORDS, EN_WORDS, ZH_WORDS } from './text-safety-words';

export type TextCheck = { ok: true } | { ok: false; matches: string[] };

export interface TextGuard {
	/** `matches` are the listed terms found (folded), each once, in the order first found. */
	check(text: string): TextCheck;
}

export interface TextGuardOptions {
	/** An organisation's own terms, on top of the built-in lists; folded like the text. */
	extraWords?: readonly string[];
	/** Ordinary words never refused for a term they contain, on top of the built-in ones. */
	extraAllowedWords?: readonly string[];
	/** Leave out the built-in lists (an organisation using only its own). Default: included. */
	builtIn?: boolean;
	/**
	 * Match across the spaces between words too. Right for short names (nicknames); free text
	 * (questions, forms) leaves it off so that "push it" does not read as "pushit". Default: off.
	 */
	acrossWords?: boolean;
}

// A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** False for ill-formed UTF-16 (a lone surrogate such as '\ud800'), which no font can show. */
export function isWellFormedText(text: string): boolean {
	return !LONE_SURROGATE.test(text);
}

// Marks (accents, combining overlays, variation selectors) and format characters (zero-width
// spaces and joiners, bidi controls, soft hyphen, tags), plus C0/C1 controls.
const INVISIBLE = /[\p{M}\p{Cf}\p{Cc}]/gu;
const MARKS = /[\p{P}\p{S}_]/gu;
const SPACES = /\s+/u;
// Scripts written without spaces between words: a space between two of their characters is a
// disguise, never a word boundary.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The look-alike key of a text: compatibility forms, look-alike letters and case folded. */
export function lookalikeKey(text: string): string {
	// Map before and after lower-casing: the table lists capitals that look Latin (Cyrillic В is
	// B) but their small letters may not (в is not b), and lower-casing may yield a listed letter.
	const mapped = latinLookalikes(text.normalize('NFKD'));
	return latinLookalikes(mapped.toLowerCase()).normalize('NFC');
}

/**
 * The form text is matched in (see the top of this file): no spaces where they are ignored, one
 * space where they separate words (a space is in no term, so nothing matches across it).
 */
export function foldForMatching(text: string, acrossWords = true): string {
	const wellFormed = text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '');
	const visible = latinLookalikes(wellFormed.normalize('NFKD').replace(INVISIBLE, ''));
	const folded = latinLookalikes(visible.toLowerCase()).normalize('NFC').replace(MARKS, '');
	const words = folded.split(SPACES).filter((w) => w !== '');
	if (acrossWords) return words.join('');
	let out = words[0] ?? '';
	for (let i = 1; i < words.length; i++) {
		const prev = words[i - 1] as string;
		const next = words[i] as string;
		const spelledOut = [...prev].length === 1 || [...next].length === 1;
		const unspaced = UNSPACED.test([...prev].at(-1) ?? '') && UNSPACED.test([...next][0] ?? '');
		out += (spelledOut || unspaced ? '' : ' ') + next;
	}
	return out;
}

/** Terms as they will be matched: folded, empty ones dropped, each once. */
function foldTerms(words: readonly string[]): string[] {
	return [...new Set(words.map((w) => foldForMatching(w)).filter((w) => w.length > 0))];
}

/** Finds listed terms by first character, then a prefix comparison at that place. */
function termMatcher(terms: readonly string[]): (text: string) => string[] {
	const byFirst = new Map<string, string[]>();
	for (const t of terms) {
		const bucket = byFirst.get(t[0] as string);
		if (bucket) bucket.push(t);
		else byFirst.set(t[0] as string, [t]);
	}
	return (text) => {
		const found = new Set<string>();
		for (let i = 0; i < text.length; i++) {
			const bucket = byFirst.get(text[i] as string);
			if (!bucket) continue;
			for (const t of bucket) if (text.startsWith(t, i)) found.add(t);
		}
		return [...found];
	};
}

export function createTextGuard(options: TextGuardOptions = {}): TextGuard {
	const builtIn = options.builtIn ?? true;
	const blocked = foldTerms([
		...(builtIn ? [...ZH_WORDS, ...EN_WORDS] : []),
		...(options.extraWords ?? [])
	]);
	const allowed = foldTerms([...ALLOWED_WORDS, ...(options.extraAllowedWords ?? [])])
		// An allowed word that is itself a blocked term would excuse it everywhere.
		.filter((a) => !blocked.includes(a))
		// Longest first, so that a longer allowed word is cut out whole.
		.sort((a, b) => b.length - a.length);
	const find = termMatcher(blocked);
	const acrossWords = options.acrossWords ?? false;
	return {
		check(text) {
			let folded = foldForMatching(text, acrossWords);
			// A space is never in the folded form, so it keeps the pieces either side apart.
			for (const a of allowed) folded = folded.replaceAll(a, ' ');
			const matches = find(folded);
			return matches.length === 0 ? { ok: true } : { ok: false, matches };
		}
	};
}

/** The built-in lists, for free text (questions, entry forms). */
export const defaultTextGuard: TextGuard = createTextGuard();

/** The built-in lists, matched across spaces too: for nicknames. */
export const nameTextGuard: TextGuard = createTextGuard({ acrossWords: true });
