// Fixture quizzes for the integration suites: one question of each type, validated with the same
// schema the banks use. Explanations, sources and accepted fill-in answers are distinctive strings
// that appear nowhere else, so that a leak of any of them before the reveal is found by a search.
import { quizSchema, type Quiz } from '../../src/lib/domain/question';

/** Accepted spellings of the fill-in answer; matching ignores case and spaces. */
export const FILLIN_ACCEPTED = ['Zorblax Quencher 7781', 'Quibbleton Foam 3392'];

/** Per question: the explanation and source shown only at the reveal. */
export const EXPLANATIONS = [
	'EXPL-single-Kestrelwind-4410 carbon dioxide smothers electrical fires',
	'EXPL-multiple-Marrowgate-5127 both exits and the assembly point',
	'EXPL-truefalse-Quillfeather-6093 never use a lift in a fire',
	'EXPL-fillin-Thistledown-7265 the foam is named after its inventor',
	'EXPL-poll-Brackenridge-8342 there is no right answer to a poll'
];
export const SOURCES = [
	'SRC-Vexhollow-1101',
	'SRC-Vexhollow-2202',
	'SRC-Vexhollow-3303',
	'SRC-Vexhollow-4404',
	'SRC-Vexhollow-5505'
];

/** Question indexes in the fixture. */
export const Q = { single: 0, multiple: 1, truefalse: 2, fillin: 3, poll: 4 } as const;

/** The correct option indexes per question (empty for fill-in and the poll). */
export const CORRECT: number[][] = [[2], [0, 3], [1], [], []];

export interface QuizOptions {
	id?: string;
	/** Seconds per question; 5 by default (tests close questions by answers or by the host). */
	timeLimit?: number;
	points?: number;
	scoring?: 'speed' | 'accuracy';
}

export function makeQuiz(opts: QuizOptions = {}): Quiz {
	return quizSchema.parse({
		id: opts.id ?? 'itest-all-types',
		title: 'Integration fixture quiz',
		settings: {
			scoring: opts.scoring ?? 'speed',
			timeLimit: opts.timeLimit ?? 5,
			points: opts.points ?? 1000
		},
		questions: [
			{
				type: 'single',
				stem: 'Which extinguisher suits an electrical fire?',
				options: ['Water', 'Wet chemical', 'Carbon dioxide', 'Sand bucket'],
				answer: 'C',
				explanation: EXPLANATIONS[0],
				source: SOURCES[0]
			},
			{
				type: 'multiple',
				stem: 'Which of these belong in an evacuation plan?',
				options: ['Exit routes', 'Lunch menu', 'Parking rules', 'Assembly point'],
				answer: ['A', 'D'],
				points: 2000,
				explanation: EXPLANATIONS[1],
				source: SOURCES[1]
			},
			{
				type: 'truefalse',
				stem: 'Lifts are a safe way out of a burning building.',
				answer: false,
				explanation: EXPLANATIONS[2],
				source: SOURCES[2]
			},
			{
				type: 'fillin',
				stem: 'Name the foam that is used on this site.',
				answer: FILLIN_ACCEPTED,
				explanation: EXPLANATIONS[3],
				source: SOURCES[3]
			},
			{
				type: 'poll',
				stem: 'How often should fire drills be held?',
				options: ['Monthly', 'Twice a year', 'Yearly'],
				explanation: EXPLANATIONS[4],
				source: SOURCES[4]
			}
		]
	});
}

/** The default fixture: 5 s per question. */
export const fixtureQuiz: Quiz = makeQuiz();

/** The same questions with a long limit, for suites that must never hit a deadline. */
export const slowQuiz: Quiz = makeQuiz({ id: 'itest-slow', timeLimit: 120 });
