// Content limits, in one place: the zod schemas in question.ts, the form and import messages, the
// editors' min/max/maxlength and the Excel template's notes all read them from here, so a limit
// changed once is changed everywhere a host can meet it.

/** An inclusive whole-number range. */
export interface IntRange {
	readonly min: number;
	readonly max: number;
}

/** Seconds a question stays open; a quiz's default applies where a question sets none. */
export const TIME_LIMIT = { min: 5, max: 300, default: 20 } as const;
/** Base points of a question (speed scoring gives up to this much for a right answer). */
export const POINTS = { min: 0, max: 10000, default: 1000 } as const;
/** Choices a choice question or a poll offers. */
export const OPTION_COUNT = { min: 2, max: 6 } as const;
/** Accepted spellings of a fill-in answer. */
export const ACCEPTED_COUNT = { min: 1, max: 20 } as const;
/** Questions in one quiz, and in one bank. */
export const QUIZ_QUESTIONS = { min: 1, max: 500 } as const;
export const BANK_QUESTIONS = { min: 1, max: 20000 } as const;
/** Questions one draw from the banks may ask for. */
export const DRAW_COUNT = { min: 1, max: 500 } as const;
/** Tags on one question. */
export const TAG_COUNT = { max: 10 } as const;

/** Characters of a player's nickname, after trimming (as the player sees them, not UTF-16 units). */
export const NICKNAME_LENGTH = { min: 1, max: 20 } as const;

/** Longest text, in characters, of each field a host writes. */
export const TEXT_MAX = {
	stem: 500,
	option: 200,
	accepted: 100,
	explanation: 1000,
	category: 40,
	source: 200,
	tag: 30,
	title: 100,
	description: 500
} as const;

/** "5 到 300": a range as the form messages say it. */
export const rangeWords = (r: IntRange): string => `${r.min} 到 ${r.max}`;

/** "5–300": a range as the template's notes and the inputs' hints write it. */
export const rangeDash = (r: IntRange): string => `${r.min}–${r.max}`;

/** Whether n is a whole number inside the range. */
export const inRange = (n: number, r: IntRange): boolean =>
	Number.isInteger(n) && n >= r.min && n <= r.max;

/** Characters of an audience question after normalisation: the event's limit lies in this range. */
export const QA_QUESTION_LENGTH = { min: 1, max: 1000, default: 300 } as const;
/** Labels an event offers (消防, 危化品, …) and the characters of one. */
export const QA_LABELS = { max: 20, length: 20 } as const;
/** Characters of an expert's written answer, of the expert's name, of a rejection reason. */
export const QA_TEXT_MAX = { answer: 1000, expert: 60, reason: 200, askerName: 20 } as const;
/** Questions one event holds (every status), and the "up next" queue's length. */
export const QA_QUESTIONS_PER_EVENT = { max: 5000, upNext: 50 } as const;
/**
 * Quick polls and word clouds of one event: how many it holds, a poll's question and options, the
 * words a participant gives (per answer, and the characters of one after normalisation) and how
 * many of the most frequent words a word cloud shows.
 */
export const QA_POLLS = {
	perEvent: 50,
	question: 200,
	option: 100,
	options: { min: 2, max: 10 },
	words: { min: 1, max: 3 },
	wordLength: { min: 1, max: 20 },
	wordsShown: 100
} as const;

/**
 * Self-paced contests (测测你的安全力): the settings' ranges, read by the settings schema and, later,
 * by the create and update forms. Times are seconds unless named in ms; a window may run a year.
 */
export const CONTEST = {
	title: 100,
	rules: 5000,
	coverPath: 300,
	questions: { min: 1, max: 50 },
	quotaCategories: 20,
	// A bank question's difficulty (question.ts): 1 易, 2 中, 3 难.
	difficulty: { min: 1, max: 3 },
	banks: { min: 1, max: 20 },
	totalTimeS: { min: 10, max: 3600 },
	perQuestionS: { min: 5, max: 300 },
	attemptsPerDay: { min: 1, max: 20 },
	attemptsTotal: { min: 1, max: 1000 },
	bonusPerInvite: { min: 0, max: 5 },
	bonusPerDayMax: { min: 0, max: 20 },
	passMark: { min: 0, max: 100 },
	windowMaxDays: 366,
	customFields: 3,
	customLabel: 20,
	customOptions: { min: 2, max: 20 },
	customOption: 40,
	visibilityLimit: { min: 1, max: 50 },
	minMsPerQuestion: { min: 0, max: 60_000, default: 1000 }
} as const;

/** The contest's entry form: what a participant may type, in characters. */
export const CONTEST_ENTRY = {
	name: 40,
	phone: 20,
	region: 12,
	unit: 60,
	employeeNo: 40,
	custom: 100
} as const;

/**
 * Contest unit lists and organisation rosters imported from a spreadsheet: the characters of a
 * unit name, an employee number and a person's name, and the rows one file may hold (a national
 * contest lists thousands of units; a large enterprise's roster runs to a few hundred thousand).
 */
export const CONTEST_IMPORT = {
	unitName: 60,
	employeeNo: 40,
	name: 40,
	units: 20_000,
	rosterRows: 200_000,
	/** A unit's headcount: above any real organisation, below any typing slip of a few digits more. */
	headcount: 10_000_000
} as const;
