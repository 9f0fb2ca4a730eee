/** Messages for next-auth's error codes (from signIn() or the ?error= of the login page). */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  switch (code) {
    case "CredentialsSignin":
      return "Incorrect email or password.";
    case "Throttled":
      return "Too many sign-in attempts. Please wait a few minutes and try again later.";
    case "SessionRequired":
      return "Sign in to continue.";
    case "OAuthSignin":
    case "OAuthCallback":
    case "OAuthCreateAccount":
    case "OAuthAccountNotLinked":
    case "Callback":
    case "AccessDenied":
      return "Could not sign in with GitHub. Try again, or use your email and password.";
    default:
      return "Sign-in failed. Please try again.";
  }
}
