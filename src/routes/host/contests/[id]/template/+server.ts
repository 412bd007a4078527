// The spreadsheets an organiser fills in: ?kind=units (单位, 应参与人数) or roster (工号, 姓名, 单位).
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { requireOrgApi } from '$lib/server/auth/kit';
import { contentDisposition, CONTENT_TYPES } from '$lib/server/bank-io/export';
import {
	ROSTER_TEMPLATE_NAME,
	rosterTemplate,
	UNIT_TEMPLATE_NAME,
	unitTemplate
} from '$lib/server/contests/roster-import';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const ctx = await appContext();
	await requireOrgApi(ctx.orgs, locals);
	const kind = url.searchParams.get('kind');
	if (kind !== 'units' && kind !== 'roster')
		error(400, '模板只有 units（单位）和 roster（名单）两种');
	const [body, name, ascii] =
		kind === 'units'
			? [await unitTemplate(), UNIT_TEMPLATE_NAME, 'units-template.xlsx']
			: [await rosterTemplate(), ROSTER_TEMPLATE_NAME, 'roster-template.xlsx'];
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': CONTENT_TYPES.xlsx,
			'content-disposition': contentDisposition(name, ascii),
			'cache-control': 'no-store'
		}
	});
};
