export { injectCampaign, organicAvatarScores, editText, DEFAULT_CAMPAIGN, type CampaignParams, type InjectedCampaign } from './campaign.ts';
export { buildDemoCase, DEMO_CAMPAIGN } from './demo.ts';
export { parseUciCsv, type LabelledRecord } from './uci.ts';
export { createRng, type Rng } from './rng.ts';
export { syntheticThread } from './synthetic.ts';
export { paraphraseScenario, crossThreadScenario, slowDripScenario, organicRushScenario, popularTagScenario, freshTimeline, organicPictures, modelAvatarScore, MEASURED_AVATAR_RATES, type Scenario } from './scenarios.ts';
export { NARRATIVES, TUNING_NARRATIVES, REPORTED_NARRATIVES } from './narratives.ts';
