// Firefox: MV3 background scripts run in an event page that has a DOM and Workers, so the model runs
// right here; there is no offscreen API.
export { handleModelHostMessage as askModelHost } from '../model-host/handle.ts';
