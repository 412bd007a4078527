// A real account store (SQLite in a temp dir) with the auth and organisation services on a fake
// clock, for the unit suites of the rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrgService } from '../../src/lib/server/orgs/org-service';
import {
	AuthRateLimiter,
	DEFAULT_LIMITS,
	type AuthLimits
} from '../../src/lib/server/auth/rate-limit';
import { AuthService, type ClientInfo } from '../../src/lib/server/auth/service';
import { KyselyAccountStore } from '../../src/lib/server/records/accounts/kysely-store';
import { KyselyOrgWordStore } from '../../src/lib/server/records/org-words/kysely-org-word-store';
import { openDatabase } from '../../src/lib/server/records/open';

export interface AuthHarness {
	accounts: KyselyAccountStore;
	auth: AuthService;
	orgs: OrgService;
	clock: { now: number };
	/** Session ids reported as ended (their sockets would be dropped). */
	ended: string[];
	close(): Promise<void>;
}

export const CLIENT: ClientInfo = { ip: '203.0.113.7', userAgent: 'vitest' };

export async function authHarness(limits: AuthLimits = DEFAULT_LIMITS): Promise<AuthHarness> {
	const dir = mkdtempSync(join(tmpdir(), 'anda-auth-'));
	const { db } = await openDatabase({ sqlitePath: join(dir, 'anda.sqlite') });
	const accounts = new KyselyAccountStore(db);
	const clock = { now: 1_760_000_000_000 };
	const ended: string[] = [];
	const now = () => clock.now;
	return {
		accounts,
		auth: new AuthService({
			accounts,
			limiter: AuthRateLimiter.memory(limits),
			now,
			sessionsEnded: (ids) => ended.push(...ids)
		}),
		orgs: new OrgService({ accounts, words: new KyselyOrgWordStore(db), now }),
		clock,
		ended,
		async close() {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

let n = 0;
/** A fresh account's fields. */
export function person(name = '用户') {
	n++;
	return {
		email: `p${n}-${Date.now()}@example.com`,
		displayName: `${name}${n}`,
		password: `pass-word-${n}`
	};
}
