// The git part of the fake REST server (./fake-github.ts): commits with parents (the commits
// listing, newest first, paginated), and the Git data API (blobs, trees, commits, refs) with
// GitHub's answers: 422 "Reference already exists" and "Update is not a fast forward".
// Trees are flat maps path -> blob (GitHub nests them; nothing here depends on that).

import { createHash } from 'node:crypto';
import { validationFailed, type RecordedRequest } from './fake-github.js';
import { page, type Send } from './fake-actions.js';
import { githubObject } from './openapi.js';

interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  /** Order of creation: the commits listing is newest first. */
  seq: number;
}

const sha1 = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

export class FakeGit {
  private readonly blobs = new Map<string, Buffer>();
  private readonly trees = new Map<string, Map<string, string>>();
  private readonly commits = new Map<string, Commit>();
  /** `repo:refs/heads/x` -> commit sha. */
  readonly refs = new Map<string, string>();
  private seq = 0;
  url = '';

  blob(content: string | Buffer): string {
    const b = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const sha = sha1(Buffer.concat([Buffer.from(`blob ${b.length}\0`), b]));
    this.blobs.set(sha, b);
    return sha;
  }

  tree(entries: Map<string, string>): string {
    const sha = sha1(`tree ${JSON.stringify([...entries].sort())}`);
    this.trees.set(sha, new Map(entries));
    return sha;
  }

  private makeCommit(repo: string, tree: string, parents: string[], message: string): string {
    const sha = sha1(`commit ${repo} ${tree} ${parents.join(',')} ${message} ${++this.seq}`);
    this.commits.set(`${repo}@${sha}`, { sha, tree, parents, message, seq: this.seq });
    return sha;
  }

  /** A commit of `repo` (test set-up): its files are the first parent's plus `files`. */
  commit(
    repo: string,
    o: { parents?: string[]; files?: Record<string, string | Buffer>; message?: string } = {},
  ): string {
    const parents = o.parents ?? [];
    const base = parents[0] ? this.treeOf(repo, parents[0]) : new Map<string, string>();
    const entries = new Map(base);
    for (const [p, c] of Object.entries(o.files ?? {})) entries.set(p, this.blob(c));
    return this.makeCommit(repo, this.tree(entries), parents, o.message ?? `commit ${this.seq + 1}`);
  }

  /** A line of `n` commits on top of `parent` (or a root), oldest first. */
  chain(repo: string, n: number, parent?: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++)
      out.push(this.commit(repo, { parents: [out[i - 1] ?? parent].filter(Boolean) as string[] }));
    return out;
  }

  setRef(repo: string, ref: string, sha: string): void {
    this.refs.set(`${repo}:refs/${ref.replace(/^refs\//, '')}`, sha);
  }

  ref(repo: string, ref: string): string | undefined {
    return this.refs.get(`${repo}:refs/${ref.replace(/^refs\//, '')}`);
  }

  private treeOf(repo: string, sha: string): Map<string, string> {
    const c = this.commits.get(`${repo}@${sha}`);
    return (c && this.trees.get(c.tree)) ?? new Map();
  }

  /** The (flat) tree of a tree SHA, commit SHA or branch name. */
  treeAt(repo: string, ref: string): Map<string, string> | undefined {
    if (this.trees.has(ref)) return this.trees.get(ref);
    const sha = this.commits.has(`${repo}@${ref}`) ? ref : this.ref(repo, `heads/${ref}`);
    return sha ? this.treeOf(repo, sha) : undefined;
  }

  treeJson(repo: string, entries: Map<string, string>): Record<string, unknown> {
    const api = `https://api.github.com/repos/${repo}`;
    const sha = this.tree(entries);
    const tree = [...entries].map(([path, blob]) => ({
      path,
      mode: '100644',
      type: 'blob',
      sha: blob,
      size: this.blobs.get(blob)?.length ?? 0,
      url: `${api}/git/blobs/${blob}`,
    }));
    return githubObject('git-tree', { sha, url: `${api}/git/trees/${sha}`, tree, truncated: false });
  }

  /** A file of `repo` at a commit SHA or branch name, as the contents API reads it. */
  fileAt(repo: string, ref: string, path: string): Buffer | undefined {
    const sha = this.commits.has(`${repo}@${ref}`) ? ref : this.ref(repo, `heads/${ref}`);
    const blob = sha ? this.treeOf(repo, sha).get(path) : undefined;
    return blob ? this.blobs.get(blob) : undefined;
  }

  /** Is `ancestor` reachable from `sha` (or equal to it)? */
  isAncestor(repo: string, ancestor: string, sha: string): boolean {
    return this.ancestors(repo, sha).some((c) => c.sha === ancestor);
  }

  /** `sha` and every commit reachable from it, newest first (the commits listing's order). */
  ancestors(repo: string, sha: string): Commit[] {
    const seen = new Map<string, Commit>();
    const todo = [sha];
    while (todo.length) {
      const c = this.commits.get(`${repo}@${todo.pop()}`);
      if (!c || seen.has(c.sha)) continue;
      seen.set(c.sha, c);
      todo.push(...c.parents);
    }
    return [...seen.values()].sort((a, b) => b.seq - a.seq);
  }

  private who(c: Commit) {
    return { name: 'dev', email: 'dev@example.com', date: new Date(Date.UTC(2026, 0, 1) + c.seq * 1000).toISOString() };
  }

  /** A commit as the commits listing shows it (commit). */
  commitJson(repo: string, c: Commit): Record<string, unknown> {
    const api = `https://api.github.com/repos/${repo}`;
    return githubObject('commit', {
      sha: c.sha,
      node_id: `C_${c.sha.slice(0, 12)}`,
      url: `${api}/commits/${c.sha}`,
      html_url: `https://github.com/${repo}/commit/${c.sha}`,
      comments_url: `${api}/commits/${c.sha}/comments`,
      commit: {
        url: `${api}/git/commits/${c.sha}`,
        message: c.message,
        comment_count: 0,
        tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
        author: this.who(c),
        committer: this.who(c),
      },
      author: null,
      committer: null,
      parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}` })),
    });
  }

  /** A commit as the Git data API shows it (git-commit). */
  gitCommitJson(repo: string, sha: string): Record<string, unknown> {
    const c = this.ancestors(repo, sha)[0];
    const api = `https://api.github.com/repos/${repo}`;
    return githubObject('git-commit', {
      sha: c.sha,
      node_id: `C_${c.sha.slice(0, 12)}`,
      url: `${api}/git/commits/${c.sha}`,
      html_url: `https://github.com/${repo}/commit/${c.sha}`,
      author: this.who(c),
      committer: this.who(c),
      message: c.message,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      parents: c.parents.map((p) => ({
        sha: p,
        url: `${api}/git/commits/${p}`,
        html_url: `https://github.com/${repo}/commit/${p}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    });
  }

  refJson(repo: string, ref: string, sha: string): Record<string, unknown> {
    const api = `https://api.github.com/repos/${repo}`;
    return githubObject('git-ref', {
      ref: `refs/${ref.replace(/^refs\//, '')}`,
      node_id: 'REF_x',
      url: `${api}/git/refs/${ref.replace(/^refs\//, '')}`,
      object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` },
    });
  }

  /** Git data API: POST a new tree from `base_tree` plus entries (sha or content; sha null deletes). */
  postTree(body: {
    base_tree?: string;
    tree?: { path: string; sha?: string | null; content?: string }[];
  }): string | null {
    const entries = new Map(body.base_tree ? (this.trees.get(body.base_tree) ?? new Map<string, string>()) : []);
    if (body.base_tree && !this.trees.has(body.base_tree)) return null;
    for (const e of body.tree ?? []) {
      if (e.sha === null) entries.delete(e.path);
      else if (typeof e.content === 'string') entries.set(e.path, this.blob(e.content));
      else if (e.sha && this.blobs.has(e.sha)) entries.set(e.path, e.sha);
      else return null;
    }
    return this.tree(entries);
  }

  newCommit(repo: string, body: { message?: string; tree?: string; parents?: string[] }): string | null {
    if (!body.tree || !this.trees.has(body.tree)) return null;
    if ((body.parents ?? []).some((p) => !this.commits.has(`${repo}@${p}`))) return null;
    return this.makeCommit(repo, body.tree, body.parents ?? [], body.message ?? '');
  }
}

const DOCS = 'https://docs.github.com/rest/git';
const NOT_FOUND = { message: 'Not Found', documentation_url: DOCS, status: '404' };

/** Answers the commits listing and Git data routes; false when the path is not one of them. */
export function gitRoute(git: FakeGit, rec: RecordedRequest, send: Send): boolean {
  const m = rec.path.match(/^\/repos\/([^/]+\/[^/]+)\/(commits|git\/.+)$/);
  if (!m) return false;
  const [, repo, rest] = m;
  const body = (rec.body ?? {}) as Record<string, unknown>;
  const is = (method: string, re: RegExp) => (rec.method === method ? re.exec(rest) : null);
  let r: RegExpExecArray | null;
  if (is('GET', /^commits$/)) {
    const start = rec.query.get('sha') ?? git.ref(repo, 'heads/main');
    const list = start ? git.ancestors(repo, start) : [];
    if (!list.length) {
      send(404, { message: `No commit found for SHA: ${start}`, documentation_url: DOCS });
      return true;
    }
    const p = page(git, rec, list);
    send(
      200,
      p.items.map((c) => git.commitJson(repo, c)),
      p.link,
    );
  } else if (is('POST', /^git\/blobs$/)) {
    const content = String(body.content ?? '');
    const sha = git.blob(body.encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content));
    send(201, githubObject('short-blob', { sha, url: `https://api.github.com/repos/${repo}/git/blobs/${sha}` }));
  } else if (is('POST', /^git\/trees$/)) {
    const sha = git.postTree(body as Parameters<FakeGit['postTree']>[0]);
    if (!sha) send(422, validationFailed('Invalid tree info'));
    else
      send(
        201,
        githubObject('git-tree', {
          sha,
          url: `https://api.github.com/repos/${repo}/git/trees/${sha}`,
          tree: [],
          truncated: false,
        }),
      );
  } else if (is('POST', /^git\/commits$/)) {
    const sha = git.newCommit(repo, body as Parameters<FakeGit['newCommit']>[1]);
    if (!sha) send(422, validationFailed('Tree SHA does not exist'));
    else send(201, git.gitCommitJson(repo, sha));
  } else if ((r = is('GET', /^git\/commits\/([0-9a-f]{40})$/))) {
    if (!git.ancestors(repo, r[1]).length) send(404, NOT_FOUND);
    else send(200, git.gitCommitJson(repo, r[1]));
  } else if ((r = is('GET', /^git\/trees\/(.+)$/))) {
    const entries = git.treeAt(repo, decodeURIComponent(r[1]));
    if (!entries) send(404, NOT_FOUND);
    else send(200, git.treeJson(repo, entries));
  } else if ((r = is('GET', /^git\/ref\/(.+)$/))) {
    // Octokit sends the ref's slash encoded (heads%2Fmain); GitHub takes both.
    const ref = decodeURIComponent(r[1]);
    const sha = git.ref(repo, ref);
    if (!sha) send(404, NOT_FOUND);
    else send(200, git.refJson(repo, ref, sha));
  } else if (is('POST', /^git\/refs$/)) {
    const ref = String(body.ref ?? '');
    const sha = String(body.sha ?? '');
    if (!/^refs\/heads\/.+/.test(ref)) send(422, validationFailed('Reference name must start with refs/heads/'));
    else if (git.ref(repo, ref)) send(422, validationFailed('Reference already exists'));
    else if (!git.ancestors(repo, sha).length) send(422, validationFailed('Object does not exist'));
    else {
      git.setRef(repo, ref, sha);
      send(201, git.refJson(repo, ref, sha));
    }
  } else if ((r = is('PATCH', /^git\/refs\/(.+)$/))) {
    const ref = decodeURIComponent(r[1]);
    const cur = git.ref(repo, ref);
    const sha = String(body.sha ?? '');
    if (!cur) send(422, validationFailed('Reference does not exist'));
    else if (!git.ancestors(repo, sha).length) send(422, validationFailed('Object does not exist'));
    else if (body.force !== true && !git.isAncestor(repo, cur, sha))
      send(422, validationFailed('Update is not a fast forward'));
    else {
      git.setRef(repo, ref, sha);
      send(200, git.refJson(repo, ref, sha));
    }
  } else return false;
  return true;
}
