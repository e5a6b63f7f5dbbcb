/** `/ui/login`: reads need a token (EVC_READ_AUTH=true); the form posts it once and the server keeps it in an HttpOnly cookie. */
import { Card, Layout } from '../layout.tsx';

export function LoginPage(props: { next: string; error?: string }) {
  return (
    <Layout title="Sign in" section="login">
      <div class="page-head">
        <h1>Sign in</h1>
        <p class="muted">This registry needs a token to read. Any role will do; create one with <code>evc token create --role read</code>.</p>
      </div>
      <Card>
        <form method="post" action="/ui/login" class="login">
          <input type="hidden" name="next" value={props.next} />
          <label for="token">API token</label>
          <input id="token" name="token" type="password" autocomplete="current-password" required placeholder="evc_…" />
          {props.error ? (
            <p class="answer bad" role="alert">
              {props.error}
            </p>
          ) : null}
          <button type="submit">Sign in</button>
        </form>
      </Card>
    </Layout>
  );
}

export function ErrorPage(props: { status: number; title: string; message: string; signedIn?: boolean }) {
  return (
    <Layout title={props.title} signedIn={props.signedIn}>
      <div class="page-head">
        <h1>{props.title}</h1>
        <p class="lead">{props.message}</p>
        <p>
          <a href="/ui/">Back to the overview</a>
        </p>
      </div>
    </Layout>
  );
}
