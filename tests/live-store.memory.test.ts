// Memory-only rule: an ended room's live state is freed after the retention period.
import { describe, expect, it } from 'vitest';
import { createRoomState } from '../src/lib/domain/room';
import { MemoryLiveStore } from '../src/lib/server/live/memory';
import { quizSchema } from '../src/lib/domain/question';

const quiz = quizSchema.parse({
	id: 'retain',
	title: 'retain',
	questions: [{ type: 'truefalse', stem: '保留测试', answer: true, explanation: '解析' }]
});

describe('memory live store retention', () => {
	it('frees an ended room after the retention period and keeps active rooms', async () => {
		const store = new MemoryLiveStore(Date.now, 30);
		const mk = (pin: string) =>
			store.createRoom({
				state: createRoomState({
					pin,
					quizId: quiz.id,
					title: quiz.title,
					settings: quiz.settings,
					questionCount: 1,
					now: Date.now()
				}),
				quiz,
				hostSecretHash: 'x'
			});
		await mk('111111');
		await mk('222222');
		await store.markInactive('111111');
		expect(await store.getState('111111')).not.toBeNull();
		await new Promise((r) => setTimeout(r, 80));
		expect(await store.getState('111111')).toBeNull();
		expect(await store.getState('222222')).not.toBeNull();
	});
});
