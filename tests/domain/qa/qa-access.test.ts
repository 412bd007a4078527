// Who reaches an event's panel and what each role may do there; the staff list's changes.
import { describe, expect, it } from 'vitest';
import { QA_TEXT_MAX } from '../../../src/lib/domain/limits';
import {
	changeStaff,
	mayDo,
	openFor,
	panelRole,
	QA_ACTIONS,
	QA_STAFF_MAX,
	staffTitle,
	type QaAction,
	type QaStaffMember
} from '../../../src/lib/domain/qa/access';

const staff: QaStaffMember[] = [
	{ userId: 'mod', role: 'moderator', title: null },
	{ userId: 'exp', role: 'expert', title: '市应急管理局 安全生产专家' }
];
const event = { createdBy: 'creator', staff };
const actions = Object.keys(QA_ACTIONS) as QaAction[];
const allowed = (role: Parameters<typeof mayDo>[0]) => actions.filter((a) => mayDo(role, a)).sort();

describe('panel roles', () => {
	it('the creator and the organisation’s owners and admins host; staff have their role; other members none', () => {
		expect(panelRole(event, 'creator', 'host')).toBe('host');
		expect(panelRole(event, 'someone', 'owner')).toBe('host');
		expect(panelRole(event, 'someone', 'admin')).toBe('host');
		expect(panelRole(event, 'mod', 'host')).toBe('moderator');
		expect(panelRole(event, 'exp', 'host')).toBe('expert');
		// An admin on the staff list is still a host.
		expect(panelRole(event, 'exp', 'admin')).toBe('host');
		expect(panelRole(event, 'someone', 'host')).toBeNull();
	});

	it('anyone who is not a member now has no panel, staff list or creator alike', () => {
		expect(panelRole(event, 'mod', null)).toBeNull();
		expect(panelRole(event, 'exp', null)).toBeNull();
		expect(panelRole(event, 'creator', null)).toBeNull();
	});

	it('the title is the staff member’s own', () => {
		expect(staffTitle(event, 'exp')).toBe('市应急管理局 安全生产专家');
		expect(staffTitle(event, 'mod')).toBeNull();
		expect(staffTitle(event, 'creator')).toBeNull();
	});
});

describe('what each role may do', () => {
	it('an expert answers, stars, pins and orders up next, nothing else', () => {
		expect(allowed('expert')).toEqual(['answer', 'pin', 'star', 'upNext']);
	});

	it('a moderator runs the questions, bans, closing and polls but not settings, details or staff', () => {
		expect(allowed('moderator')).toEqual(
			[
				'answer',
				'approve',
				'archive',
				'ban',
				'close',
				'pin',
				'poll',
				'reject',
				'reopen',
				'star',
				'upNext'
			].sort()
		);
	});

	it('a host does everything on the panel; a participant only asks and votes', () => {
		expect(allowed('host')).toEqual(actions.filter((a) => QA_ACTIONS[a] !== 'participant').sort());
		expect(allowed('participant')).toEqual(['ask', 'unvote', 'vote']);
		for (const role of ['host', 'moderator', 'expert'] as const) {
			expect(mayDo(role, 'ask')).toBe(false);
		}
	});

	it('a closed event takes no questions or votes; the panel still works', () => {
		expect(openFor('ask', true)).toBe(false);
		expect(openFor('vote', true)).toBe(false);
		expect(openFor('answer', true)).toBe(true);
		expect(openFor('staff', true)).toBe(true);
		expect(openFor('ask', false)).toBe(true);
	});
});

describe('the staff list', () => {
	it('adds, changes and removes members; titles are cleaned text', () => {
		const added = changeStaff([], {
			type: 'set',
			userId: 'u1',
			role: 'expert',
			title: '  市应急管理局\u200b 安全生产专家 '
		});
		expect(added).toEqual({
			ok: true,
			staff: [{ userId: 'u1', role: 'expert', title: '市应急管理局 安全生产专家' }]
		});
		const changed = changeStaff(added.ok ? added.staff : [], {
			type: 'set',
			userId: 'u1',
			role: 'moderator',
			title: '\u200b'
		});
		expect(changed).toEqual({
			ok: true,
			staff: [{ userId: 'u1', role: 'moderator', title: null }]
		});
		expect(changeStaff(staff, { type: 'remove', userId: 'mod' })).toEqual({
			ok: true,
			staff: [staff[1]]
		});
		expect(changeStaff(staff, { type: 'remove', userId: 'nobody' })).toEqual({
			ok: false,
			code: 'QA_STAFF_NOT_FOUND'
		});
	});

	it('refuses a title over the limit and a list over its size', () => {
		const long = '专'.repeat(QA_TEXT_MAX.expert + 1);
		expect(changeStaff([], { type: 'set', userId: 'u', role: 'expert', title: long })).toEqual({
			ok: false,
			code: 'QA_STAFF_TITLE'
		});
		const full = Array.from({ length: QA_STAFF_MAX }, (_, i) => ({
			userId: `u${i}`,
			role: 'expert' as const,
			title: null
		}));
		expect(changeStaff(full, { type: 'set', userId: 'new', role: 'expert', title: null })).toEqual({
			ok: false,
			code: 'QA_STAFF_FULL'
		});
		// Changing someone already on a full list is fine.
		expect(
			changeStaff(full, { type: 'set', userId: 'u0', role: 'moderator', title: null }).ok
		).toBe(true);
	});
});
