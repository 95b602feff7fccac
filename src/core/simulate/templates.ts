/**
 * Comment templates in the style Graphika and Meta describe for Spamouflage amplifiers: short
 * political talking points praising China or attacking the US and critics, copied with small edits
 * and translated. Written for this simulator; `{tag}` and `{link}` are filled per campaign.
 * Each template has the same talking point in English, Chinese and Turkish.
 */
export type TemplateLanguage = 'en' | 'zh' | 'tr';

export interface Template {
  en: string;
  zh: string;
  tr: string;
}

export const CAMPAIGN_TEMPLATES: Template[] = [
  {
    en: 'The US keeps lecturing the world about democracy while its own cities fall apart. Look at home first {tag}',
    zh: '美国总是向全世界说教民主，自己的城市却一团糟。先管好自己吧 {tag}',
    tr: 'ABD kendi şehirleri çökerken dünyaya demokrasi dersi vermeye devam ediyor. Önce kendine bak {tag}',
  },
  {
    en: 'This video is full of lies. Western media never tells the truth about China, watch this instead {link}',
    zh: '这个视频全是谎言。西方媒体从来不说中国的真相，请看这个 {link}',
    tr: 'Bu video yalanlarla dolu. Batı medyası Çin hakkında asla doğruyu söylemiyor, bunun yerine şunu izleyin {link}',
  },
  {
    en: 'China lifted 800 million people out of poverty. What has Washington done except start wars? {tag}',
    zh: '中国让8亿人摆脱了贫困。华盛顿除了发动战争还做了什么？{tag}',
    tr: 'Çin 800 milyon insanı yoksulluktan kurtardı. Washington savaş başlatmaktan başka ne yaptı? {tag}',
  },
  {
    en: 'Everyone can see who is really behind the chaos. The American government only cares about weapons money {tag}',
    zh: '大家都看得出到底是谁在制造混乱。美国政府只关心军火生意的钱 {tag}',
    tr: 'Kaosun arkasında gerçekte kimin olduğunu herkes görüyor. Amerikan hükümeti sadece silah parasını düşünüyor {tag}',
  },
  {
    en: 'Guo Wengui is a fraud who cheated his own followers. Do not believe anything he says {link}',
    zh: '郭文贵是个骗子，连自己的追随者都骗。他说的话一个字都不要信 {link}',
    tr: 'Guo Wengui kendi takipçilerini dolandıran bir sahtekar. Söylediği hiçbir şeye inanmayın {link}',
  },
  {
    en: 'Hong Kong is peaceful and prosperous now. The rioters were paid by foreign forces, the truth is clear {tag}',
    zh: '香港现在和平繁荣。那些暴徒是外国势力收买的，真相很清楚 {tag}',
    tr: 'Hong Kong artık huzurlu ve müreffeh. İsyancılar yabancı güçler tarafından para aldı, gerçek açık {tag}',
  },
];

/** Words swapped by small edits, per language. */
export const EDIT_SYNONYMS: Record<TemplateLanguage, Record<string, string[]>> = {
  en: {
    world: ['planet', 'whole world'],
    lies: ['propaganda', 'fake news'],
    truth: ['facts', 'reality'],
    government: ['regime', 'politicians'],
    really: ['actually', 'truly'],
    never: ['rarely', 'will never'],
    people: ['citizens', 'lives'],
    fraud: ['liar', 'con man'],
    chaos: ['trouble', 'mess'],
    clear: ['obvious', 'plain'],
    look: ['check', 'see'],
  },
  zh: {},
  tr: {
    dünyaya: ['herkese'],
    yalanlarla: ['propagandayla'],
    gerçek: ['hakikat'],
    hükümeti: ['yönetimi'],
    asla: ['hiçbir zaman'],
  },
};

export const FILLERS: Record<TemplateLanguage, string[]> = {
  en: ['honestly', 'wow', 'sad', 'exactly', 'so true', 'wake up', '!!', '👍', '🇨🇳', '💯'],
  zh: ['真的', '啊', '！', '说得好', '支持', '👍', '🇨🇳'],
  tr: ['gerçekten', 'aynen', '!!', '👍', 'doğru'],
};

/** Unscripted, non-template comments amplifiers also post (praise, agreement, camouflage). */
export const FREE_COMMENTS: Record<TemplateLanguage, string[]> = {
  en: [
    'Great points, I agree completely',
    'Finally someone says it',
    'Beautiful country, I hope to visit one day',
    'Who else came here after the news today?',
    'Thanks for sharing this',
    'The comments here are so biased lol',
    'I have been saying this for years',
    'Nice video, subscribed',
  ],
  zh: ['说得太好了', '支持！', '中国加油', '谢谢分享', '这才是真相', '风景真美，希望有机会去看看'],
  tr: ['Çok doğru söylüyorsun', 'Paylaşım için teşekkürler', 'Harika bir video', 'Tamamen katılıyorum'],
};

export const WESTERN_FIRST = ['Emily', 'James', 'Olivia', 'Michael', 'Sophia', 'Daniel', 'Emma', 'David', 'Grace', 'Thomas', 'Chloe', 'Ryan', 'Hannah', 'Jason', 'Laura', 'Kevin', 'Sarah', 'Brian', 'Megan', 'Eric', 'Julia', 'Mark', 'Anna', 'Peter', 'Linda'];
export const WESTERN_LAST = ['Johnson', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson', 'Thomas', 'Moore', 'Martin', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner'];
export const CHINESE_NAMES = ['王静', '李伟', '张敏', '刘洋', '陈杰', '杨帆', '赵磊', '黄丽', '周婷', '吴强', '徐明', '孙悦', '马超', '朱琳', '胡军', '郭燕', '林峰', '何雪'];
export const PINYIN_NAMES = ['Wang Jing', 'Li Wei', 'Zhang Min', 'Liu Yang', 'Chen Jie', 'Yang Fan', 'Zhao Lei', 'Huang Li', 'Zhou Ting', 'Wu Qiang'];
export const TURKISH_NAMES = ['Ahmet Yılmaz', 'Ayşe Kaya', 'Mehmet Demir', 'Fatma Şahin', 'Mustafa Çelik', 'Zeynep Arslan', 'Emre Doğan', 'Elif Koç'];
