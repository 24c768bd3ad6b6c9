/** The action's main function (issue #5 wires the full PR flow). */
import * as core from '@actions/core';

/** Runs the action; reports any thrown value through core.setFailed. */
export async function run(): Promise<void> {
  try {
    core.setFailed('vschema-guard action: the pull-request flow is not implemented yet; use the CLI (vschema-guard check/diff)');
  } catch (e) {
    core.setFailed(String(e));
  }
}
