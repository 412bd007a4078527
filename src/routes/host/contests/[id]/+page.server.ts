// One contest as its organisation manages it: settings (saved with the version it was read at, so
// two tabs cannot overwrite each other unseen), publish / extend / close early, the sample attempt,
// units and the organisation's roster, and the dashboard's figures. Every service call carries the
// organisation's scope; a contest of another organisation is "not found".
import { error, fail, redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { requireOrg } from '$lib/server/auth/kit';
import { readCappedForm } from '$lib/server/bank-io/http';
import { MAX_UPLOAD_BYTES, TOO_LARGE } from '$lib/server/bank-io/read-upload';
import { importRoster, importUnits } from '$lib/server/contests/roster-import';
import { isSessionError } from '$lib/server/kernel/session-error';
import { cstToEpoch } from '../../qa/event-form';
import { checkSettings, formValues, settingsInput, settingsValues } from '../contest-form';
import { contestPhase } from '../contest-status';
import type { Actions, PageServerLoad } from './$types';

// A roster may be larger than a bank file (roster-import.ts allows 30 MB); the envelope on top.
const MAX_BODY = 30 * 1024 * 1024 + 64 * 1024;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const ctx = await appContext();
	const { org, scope } = await requireOrg(ctx.orgs, locals, url);
	const { admin, records } = ctx.contests;
	let summary;
	try {
		summary = await admin.summary(params.id, scope);
	} catch (e) {
		if (isSessionError(e) && e.code === 'CONTEST_NOT_FOUND') error(404, '找不到这个答题活动');
		throw e;
	}
	const c = summary.record;
	const [dashboard, preview, units, rosterSize, banks] = await Promise.all([
		admin.dashboard(c.id, scope),
		admin.preview(c.id, scope),
		records.listUnits(c.id),
		records.rosterSize(org.id),
		ctx.banks.listBanks(scope)
	]);
	const now = Date.now();
	return {
		contest: {
			id: c.id,
			slug: c.slug,
			version: c.version,
			status: c.status,
			title: c.settings.title,
			phase: contestPhase(c.status, c.settings.window, now),
			startsAt: c.settings.window.startsAt,
			endsAt: c.settings.window.endsAt,
			identity: c.settings.identity,
			closedEarlyAt: c.closedEarlyAt
		},
		values: settingsValues(c.settings),
		counts: summary.counts,
		banks: banks.map((b) => ({
			id: b.id,
			title: b.title,
			questionCount: b.questionCount,
			categories: b.categories
		})),
		preview: {
			problem: preview.problem,
			poolSize: preview.poolSize,
			questions: preview.view?.questions ?? [],
			totalMs: c.settings.totalTimeS * 1000
		},
		units,
		rosterSize,
		dashboard: {
			counts: dashboard.counts,
			hourly: dashboard.hourly,
			questions: dashboard.questions.slice(0, 50),
			units: dashboard.units.slice(0, 100),
			provinces: dashboard.provinces,
			flagged: dashboard.flagged.map((f) => ({
				id: f.record.id,
				name: f.participant?.name ?? '（已删除）',
				unit: f.participant?.unit ?? '',
				score: f.record.score,
				ms:
					f.record.attempt.endedAt === null
						? null
						: f.record.attempt.endedAt - f.record.attempt.startedAt,
				switches: f.record.attempt.visibilityChanges,
				tooFast: f.record.tooFast,
				byVisibility: f.record.attempt.endReason === 'visibility'
			})),
			questionSet: dashboard.questionSet
		}
	};
};

type Ctx = Awaited<ReturnType<typeof appContext>>;

/** Runs one change of the contest; a refusal (stale version, bad time…) becomes its message. */
async function change(
	what: string,
	work: (ctx: Ctx, scope: { orgId: string }) => Promise<unknown>,
	event: { locals: App.Locals; url: URL }
) {
	const ctx = await appContext();
	const { scope } = await requireOrg(ctx.orgs, event.locals, event.url);
	try {
		await work(ctx, scope);
	} catch (e) {
		if (isSessionError(e)) return fail(400, { action: what, message: e.message });
		throw e;
	}
	return { action: what, done: true };
}

const versionOf = (form: FormData) => Number(form.get('version'));

async function upload(request: Request) {
	const form = await readCappedForm(request, MAX_BODY);
	if (form === null) return { ok: false as const, status: 413, message: TOO_LARGE };
	if (form === 'invalid') {
		return { ok: false as const, status: 400, message: '上传格式不正确，请重新选择文件' };
	}
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) {
		return { ok: false as const, status: 400, message: '请选择要上传的 Excel 或 CSV 文件' };
	}
	return { ok: true as const, file, buffer: Buffer.from(await file.arrayBuffer()) };
}

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		const ctx = await appContext();
		const { scope } = await requireOrg(ctx.orgs, locals, url);
		const form = await request.formData();
		const values = formValues(form);
		const checked = checkSettings(settingsInput(values));
		if (!checked.ok) {
			return fail(400, {
				action: 'save',
				values,
				errors: checked.errors,
				message: checked.message
			});
		}
		try {
			await ctx.contests.admin.save(params.id, scope, versionOf(form), checked.settings);
		} catch (e) {
			if (isSessionError(e)) {
				return fail(400, { action: 'save', values, errors: {}, message: e.message });
			}
			throw e;
		}
		return { action: 'save', done: true };
	},
	publish: async (event) => {
		const form = await event.request.formData();
		return change(
			'publish',
			(ctx, scope) => ctx.contests.admin.publish(event.params.id, scope, versionOf(form)),
			event
		);
	},
	extend: async (event) => {
		const form = await event.request.formData();
		const endsAt = cstToEpoch(String(form.get('endsAt') ?? ''));
		if (endsAt === null || Number.isNaN(endsAt)) {
			return fail(400, { action: 'extend', message: '请用日期时间选择器填写新的结束时间' });
		}
		return change(
			'extend',
			(ctx, scope) => ctx.contests.admin.extend(event.params.id, scope, versionOf(form), endsAt),
			event
		);
	},
	close: async (event) => {
		const form = await event.request.formData();
		return change(
			'close',
			(ctx, scope) => ctx.contests.admin.closeNow(event.params.id, scope, versionOf(form)),
			event
		);
	},
	rebuild: async (event) =>
		change('rebuild', (ctx, scope) => ctx.contests.admin.rebuild(event.params.id, scope), event),
	delete: async ({ locals, url, params }) => {
		const ctx = await appContext();
		const { scope } = await requireOrg(ctx.orgs, locals, url);
		try {
			await ctx.contests.admin.deleteDraft(params.id, scope);
		} catch (e) {
			if (isSessionError(e)) return fail(400, { action: 'delete', message: e.message });
			throw e;
		}
		redirect(303, '/host/contests');
	},
	units: async ({ request, locals, url, params }) => {
		const ctx = await appContext();
		const { scope } = await requireOrg(ctx.orgs, locals, url);
		const got = await upload(request);
		if (!got.ok) return fail(got.status, { action: 'units', message: got.message });
		if (got.buffer.length > MAX_UPLOAD_BYTES) {
			return fail(413, { action: 'units', message: TOO_LARGE });
		}
		const parsed = await importUnits(got.buffer, got.file.name);
		if (!parsed.ok) {
			return fail(parsed.status, {
				action: 'units',
				message: parsed.message,
				report: parsed.report ?? null
			});
		}
		try {
			await ctx.contests.admin.setUnits(params.id, scope, parsed.units);
		} catch (e) {
			if (isSessionError(e)) return fail(400, { action: 'units', message: e.message });
			throw e;
		}
		return { action: 'units', done: true, kept: parsed.units.length, report: parsed.report };
	},
	roster: async ({ request, locals, url }) => {
		const ctx = await appContext();
		const { scope } = await requireOrg(ctx.orgs, locals, url);
		const got = await upload(request);
		if (!got.ok) return fail(got.status, { action: 'roster', message: got.message });
		const parsed = await importRoster(got.buffer, got.file.name);
		if (!parsed.ok) {
			return fail(parsed.status, {
				action: 'roster',
				message: parsed.message,
				report: parsed.report ?? null
			});
		}
		await ctx.contests.admin.setRoster(scope, parsed.rows);
		return { action: 'roster', done: true, kept: parsed.rows.length, report: parsed.report };
	}
};
