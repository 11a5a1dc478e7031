/** The built-in planner instructions; a note named in `promptTemplateNote` replaces them. */
import plannerInstructions from './planner-instructions.md';

export const PLANNER_INSTRUCTIONS: string = plannerInstructions;
