// What the audience sees of an event's questions and in what order: published and answered
// questions only, none by a banned participant, filtered by label, sorted by popularity (votes,
// then the newer first) or by time (newest first). Ties end on the id so that every phone and the
// wall list the same order.
import { PUBLIC_STATUSES, type QaQuestion } from './question';

export type QaSort = 'popular' | 'newest';

export interface ListOptions {
	sort: QaSort;
	/** Only questions with this label; null: all. */
	label: string | null;
	banned: ReadonlySet<string>;
}

export function isPublic(q: QaQuestion, banned: ReadonlySet<string>): boolean {
	return PUBLIC_STATUSES.has(q.status) && !banned.has(q.participantId);
}

/** What sorting needs of a question: the server's records and the views' questions both have it. */
type Sortable = Pick<QaQuestion, 'id' | 'createdAt'>;

const byNewest = (a: Sortable, b: Sortable) =>
	b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function sortQuestions<Q extends Sortable>(
	questions: readonly Q[],
	votes: (id: string) => number,
	sort: QaSort
): Q[] {
	const list = [...questions];
	if (sort === 'newest') return list.sort(byNewest);
	return list.sort((a, b) => votes(b.id) - votes(a.id) || byNewest(a, b));
}

export function publicQuestions(
	questions: readonly QaQuestion[],
	votes: (id: string) => number,
	opts: ListOptions
): QaQuestion[] {
	const shown = questions.filter(
		(q) => isPublic(q, opts.banned) && (opts.label === null || q.label === opts.label)
	);
	return sortQuestions(shown, votes, opts.sort);
}

/** Who may vote on a question: one the audience sees, by someone not banned. */
export function voteAllowed(q: QaQuestion, voter: string, banned: ReadonlySet<string>): boolean {
	return isPublic(q, banned) && !banned.has(voter);
}
