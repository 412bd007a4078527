// The built-in offensive-word lists, as matched: lower case, no spaces or punctuation (text is
// folded the same way before matching, see text-safety.ts). Kept short and unambiguous so that
// ordinary names and questions pass ("Scunthorpe" problems): whole slurs, obscenities and a few
// terms every Chinese platform refuses. An organisation adds its own through createTextGuard.

export const ZH_WORDS: readonly string[] = [
	'傻逼',
	'傻b',
	'傻叉',
	'煞笔',
	'沙比',
	'操你',
	'草你妈',
	'草泥马',
	'日你妈',
	'肏',
	'屄',
	'鸡巴',
	'他妈的',
	'狗娘养的',
	'贱人',
	'贱货',
	'骚货',
	'婊子',
	'狗日',
	'王八蛋',
	'去死',
	'死全家',
	'脑残',
	'白痴',
	'nmsl',
	'法轮功',
	'法轮大法'
	// Not '尼玛': one of the commonest Tibetan given names (尼玛次仁, 扎西尼玛). Not '妈逼' or
	// '你妈的': "我妈逼我学习", "你妈的手机". Not '废物' or '杂碎': 废物处理, 羊杂碎.
];

export const EN_WORDS: readonly string[] = [
	'fuck',
	'shit',
	'bitch',
	'cunt',
	'asshole',
	'dumbass',
	'jackass',
	'bastard',
	'slut',
	'wanker',
	'nigger',
	'nigga',
	'faggot',
	'whore',
	'motherfucker',
	'dickhead',
	'retard'
	// Not 'dick', 'cock', 'pussy', 'spic': Dick, Hancock, pussycat, spicy.
];

/** Ordinary words that contain a listed term: cut out before matching, never refused for it. */
export const ALLOWED_WORDS: readonly string[] = [
	'scunthorpe',
	// Japanese surnames in -shita (下)
	'matsushita',
	'yamashita',
	'kinoshita',
	'morishita',
	'miyashita',
	'takeshita',
	// An Indian given name
	'kshitij',
	// Fire safety: flame retardant
	'retardant',
	// 去死角: clearing the corners cleaning misses (卫生死角)
	'死角'
];
