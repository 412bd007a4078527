// What the room service reads off a quiz for contest-day rooms: its teams and the plan the pure
// transitions take. Teams come from the quiz (departments were copied into it when the room opened).
import type { Quiz } from '../../domain/question';
import type { DayPlan } from '../../domain/rounds/day';
import type { Seat } from '../../domain/rounds/eligibility';
import { teamsFromSettings, type Team } from '../../domain/rounds/teams';
import type { PlayerRecord } from '../live/port';

export function teamsOf(quiz: Quiz): Team[] {
	return teamsFromSettings(quiz.teams);
}

export function planOf(quiz: Quiz): DayPlan {
	return { rounds: quiz.rounds, teamIds: teamsOf(quiz).map((t) => t.id) };
}

/** Where a player sits, as the round rules read it (audience and team as joined). */
export function seatOf(p: PlayerRecord): Seat {
	return { id: p.id, teamId: p.teamId ?? null, audience: p.audience ?? false };
}

/** Whether players are placed by the organisation's roster (an organisation's room only). */
export function placedByRoster(quiz: Quiz, orgId: string | null): boolean {
	return orgId !== null && quiz.teams?.fromRoster === true && teamsOf(quiz).length > 0;
}

/** Whether the room is a contest-day room at all (rounds or teams). */
export function isContestDay(quiz: Quiz): boolean {
	return (quiz.rounds?.length ?? 0) > 0 || (quiz.teams?.list.length ?? 0) > 0;
}

/** Race-log names of a 抢答 question: one log per opening of the buzzer, and its early buzzes. */
export const raceLogs = {
	opening: (index: number, opening: number) => `${index}:o${opening}`,
	early: (index: number) => `${index}:early`
};
