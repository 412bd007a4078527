// Letters of Cyrillic, Greek and Latin that look like other Latin letters, mapped to the Latin
// letter they are mistaken for (the prototypes of Unicode's confusables data, UTS #39, for these
// scripts). Only look-alikes that a reader cannot tell apart in common fonts are listed; digits are
// left alone so that "Player1" and "Playerl" stay different names.

const PAIRS: readonly (readonly [string, string])[] = [
	// Cyrillic capitals
	['А', 'A'],
	['В', 'B'],
	['Е', 'E'],
	['К', 'K'],
	['М', 'M'],
	['Н', 'H'],
	['О', 'O'],
	['Р', 'P'],
	['С', 'C'],
	['Т', 'T'],
	['Х', 'X'],
	['У', 'Y'],
	['Ү', 'Y'],
	['Ѕ', 'S'],
	['І', 'I'],
	['Ј', 'J'],
	['Ԛ', 'Q'],
	['Ԝ', 'W'],
	['Ӏ', 'l'],
	// Cyrillic small letters
	['а', 'a'],
	['е', 'e'],
	['о', 'o'],
	['р', 'p'],
	['с', 'c'],
	['у', 'y'],
	['ү', 'y'],
	['х', 'x'],
	['ѕ', 's'],
	['і', 'i'],
	['ј', 'j'],
	['һ', 'h'],
	['ԁ', 'd'],
	['ԛ', 'q'],
	['ԝ', 'w'],
	['ӏ', 'l'],
	// Greek capitals
	['Α', 'A'],
	['Β', 'B'],
	['Ε', 'E'],
	['Ζ', 'Z'],
	['Η', 'H'],
	['Ι', 'I'],
	['Κ', 'K'],
	['Μ', 'M'],
	['Ν', 'N'],
	['Ο', 'O'],
	['Ρ', 'P'],
	['Τ', 'T'],
	['Υ', 'Y'],
	['Χ', 'X'],
	// Greek small letters
	['α', 'a'],
	['γ', 'y'],
	['ι', 'i'],
	['ν', 'v'],
	['ο', 'o'],
	['ρ', 'p'],
	['ϲ', 'c'],
	['ϳ', 'j'],
	// Latin letters that pass for others
	['ı', 'i'],
	['ɑ', 'a'],
	['ɡ', 'g']
];

const TO_LATIN = new Map(PAIRS);
const ANY = new RegExp(`[${PAIRS.map(([from]) => from).join('')}]`, 'gu');

/** Replaces each listed look-alike with its Latin letter; everything else is kept. */
export function latinLookalikes(text: string): string {
	return text.replace(ANY, (ch) => TO_LATIN.get(ch) ?? ch);
}
