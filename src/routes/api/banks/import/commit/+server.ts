// Import step 2: save a previewed import (by token) as a new bank or into an existing one.
// JSON { token, mode: 'all'|'valid-only', bankId?, merge?: 'append'|'replace', newBank?: { title,
// description?, language? } } → 201 { ok, bankId, imported } or 4xx { message }. The new bank
// belongs to the importer's current organisation; an existing target must be one of its own banks.
import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { requireOrgApi } from '$lib/server/auth/kit';
import { readCappedBody } from '$lib/server/http/read-body';
import { commitImport } from '$lib/server/bank-io/import-service';
import type { RequestHandler } from './$types';

/** A commit body is a few hundred bytes; anything much larger is not one. */
const MAX_BODY = 16 * 1024;

function parseJson(bytes: Buffer | null): unknown {
	try {
		return bytes ? JSON.parse(bytes.toString('utf8')) : null;
	} catch {
		return null;
	}
}

export const POST: RequestHandler = async ({ request, locals }) => {
	const ctx = await appContext();
	const { user, org, role } = await requireOrgApi(ctx.orgs, locals);
	const body = parseJson(await readCappedBody(request, MAX_BODY));
	const result = await commitImport(ctx.banks, body, { userId: user.id, orgId: org.id, role });
	if (!result.ok) return json({ message: result.message }, { status: result.status });
	return json(result, { status: 201 });
};
