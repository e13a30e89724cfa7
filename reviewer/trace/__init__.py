"""`reviewer trace`: run the user's own schedules and check what their learning rate does.

Unlike `reviewer check`, this imports and executes the files it traces (in a child process,
under a time and memory limit, with `__name__` not `"__main__"`).

* `discovery`: which schedules a file defines and how to drive each, from the analysis
  layer's facts (static; nothing runs);
* `arguments`: the values a schedule is built with, from `--args` and the file's call sites;
* `child`: the process that imports the files; `driving`: how it builds and steps one
  schedule and records its curves;
* `properties`: the named checks on the recorded curves;
* `tracing`: discovery, the child and the checks for a set of files; `command`: the CLI
  command; `report`: text, JSON and plots; `evidence`: `reviewer check --trace`.
"""
