export { applyRemovalPlan, planDiff, RemovalInterrupted, type ApplyOptions, type ApplyResult } from './apply.js';
export { planFlagRemoval, type FileChange, type RemovalOptions, type RemovalPlan } from './plan.js';
export { rewriteFile, type FileRewrite, type KeptBranch, type ManualSite } from './rewrite-file.js';
