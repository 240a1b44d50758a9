/** A modal as the Slack fake saw it opened: blocks with their input elements. */
export type View = Record<string, unknown> & {
  blocks: { block_id?: string; element?: Record<string, unknown> }[];
};

/** The input element of `field` (block_id and action_id are the field name in Winwin's modals). */
export const element = (view: View, field: string): Record<string, unknown> => {
  const block = view.blocks.find((b) => b.block_id === field);
  if (block?.element === undefined) throw new Error(`no input ${field}`);
  return block.element;
};
