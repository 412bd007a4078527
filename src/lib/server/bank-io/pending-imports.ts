// Parsed uploads waiting for the host to confirm, so that commit does not need the file again.
// In process memory for 15 minutes, bounded by entries and by questions held (a 20 000-question
// file is several MB). With several Node processes behind a balancer, preview and commit must reach
// the same one (sticky sessions, as the socket polling transport already needs). A preview belongs
// to the user who uploaded it: nobody else can commit it, or use it up.
import { randomBytes } from 'node:crypto';
import type { Question } from '../../domain/question';

export interface PendingImport {
	/** The user who uploaded the file; only they can commit it. */
	userId: string;
	questions: Question[];
	/** Rows with errors in the file: mode 'all' is refused unless this is 0. */
	errorCount: number;
	filename: string;
	expiresAt: number;
}

export const PENDING_TTL_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 20;
const MAX_QUESTIONS = 100_000;

export class PendingImports {
	private readonly map = new Map<string, PendingImport>();

	constructor(private readonly limits = { entries: MAX_ENTRIES, questions: MAX_QUESTIONS }) {}

	private held(): number {
		let n = 0;
		for (const p of this.map.values()) n += p.questions.length;
		return n;
	}

	private sweep(now: number): void {
		for (const [token, p] of this.map) if (p.expiresAt <= now) this.map.delete(token);
	}

	/** Stores an import and returns its token; the oldest entries make room. */
	put(entry: Omit<PendingImport, 'expiresAt'>, now: number): string {
		this.sweep(now);
		const token = randomBytes(18).toString('base64url');
		this.map.set(token, { ...entry, expiresAt: now + PENDING_TTL_MS });
		// Map iteration is insertion order: the first keys are the oldest.
		for (const oldest of this.map.keys()) {
			const over = this.map.size > this.limits.entries || this.held() > this.limits.questions;
			if (!over || oldest === token) break;
			this.map.delete(oldest);
		}
		return token;
	}

	/**
	 * Removes and returns an unexpired import of this user (so two commits cannot both save it).
	 * Another user's token is left as it is, and reads as unknown.
	 */
	take(token: string, now: number, userId: string): PendingImport | null {
		const p = this.map.get(token);
		if (!p || p.userId !== userId) return null;
		this.map.delete(token);
		return p.expiresAt > now ? p : null;
	}

	/** Puts back an import whose commit was refused, so the host can correct the request. */
	restore(token: string, entry: PendingImport): void {
		this.map.set(token, entry);
	}
}

const KEY = Symbol.for('anda.pending-imports');
type Holder = { [KEY]?: PendingImports };

/** The process-wide store (kept on globalThis so that dev-server module reloads keep it). */
export function pendingImports(): PendingImports {
	const g = globalThis as Holder;
	g[KEY] ??= new PendingImports();
	return g[KEY];
}
