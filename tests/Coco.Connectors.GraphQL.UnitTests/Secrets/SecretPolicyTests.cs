using System.Text.Json.Nodes;
using Coco.Connectors.Secrets;

namespace Coco.Connectors.UnitTests.Secrets;

/// <summary>The secret policy as a pure function: no server, so a wrong change fails here first and fast.</summary>
public sealed class SecretPolicyTests
{
    public static TheoryData<string> MustMask => new()
    {
        // CONTRACT §4's words, in every spelling.
        "password", "PASSWORD", "db_password", "dbPassword", "DbPassword", "dbpassword", "passwords", "passwd", "secret",
        "client_secret", "clientSecret", "clientsecret", "token", "tokens", "access_token", "accessToken", "AccessToken",
        "user_access_token", "githubtoken", "api_key", "apiKey", "API-KEY", "APIKEY", "APIKey", "x-api-key", "XApiKey",
        "api_keys", "private_key", "privateKey", "PRIVATE_KEY", "access_key", "secret_access_key", "secretAccessKey",
        "AWS_SECRET_ACCESS_KEY", "access_key_id", "AWS_ACCESS_KEY_ID", "accessKeyId", "credential", "credentials",
        "aws_credentials", "connection_uri", "connectionString", "CONNECTION_STRING", "connectionstring", "dsn",
        "sentry_dsn", "auth", "basic_auth", "basicAuth", "proxy-auth", "auth_token", "token2", "api_key_2",
        "refresh_token",
        // The second pass (hostile-input issue, item 11).
        "secret_key", "secretKey", "SECRET_KEY", "pwd", "db_pwd", "passphrase", "key_passphrase", "passcode", "pass",
        "DB_PASS", "smtpPass", "pin", "PIN", "sim_pin", "pin_code", "pincode", "otp", "otp_seed", "otpSeed", "totp_seed",
        "session_key", "sessionKey", "sessionid", "sessionId", "session_id", "JSESSIONID", "cookie", "cookies",
        "Set-Cookie", "session_cookie", "Authorization", "headers.Authorization", "proxy-authorization", "bearer",
        "bearer_token", "jwt", "JWT", "jwt_secret", "ssh_key", "sshKey", "signing_key", "encryption_key", "master_key",
        "client_key", "app_key", "appKey", "private_key_id", "privateKeyId", "sas", "SAS", "sas_token",
        "credentials_json", "credentialsJson", "secret_value", "secretValue", "SECRET_VALUE", "private_key_pem",
        "password_hash", "token_value", "webhook_url", "webhookUrl", "slack_webhook_url", "account_key",
        "Ocp-Apim-Subscription-Key", "oauth_token", "OAuthToken", "oauth2_token", "new_password", "old_password",
        "totp_secret", "x_auth", "X-Auth-Token", "auths", "oauth", "OAuth", "oauth2", "salesforce_oauth",
        "basicauth", "dbconnectionstring", "awsaccesskeyid", "slackwebhookurl", "usersessionid",
        // The third pass (review of the hostile-input work).
        "sig", "SIG", "sigs", "request_sig", "signature", "Signature", "x-amz-signature", "webhookSignature", "requestsignature",
        "hmac", "HMAC", "webhook_hmac", "salt", "password_salt", "salts", "totp", "TOTP", "hotp", "conn_str",
        "connStr", "CONN_STR", "db_conn_string", "connection_str", "kubeconfig", "kubeConfig", "kube_config", "KUBECONFIG",
        "token_id", "tokenId", "p12", "cert_p12", "P12", "pkcs12", "userpass", "user_pass", "userPass",
    };

    public static TheoryData<string> MustNotMask => new()
    {
        // Counts and flags (item 11's over-masking).
        "max_tokens", "maxTokens", "MAX_TOKENS", "max-tokens", "maxtokens", "max_new_tokens", "num_tokens",
        "total_tokens", "min_password_length", "use_oauth", "useOAuth", "enable_auth", "is_secret", "has_password",
        "require_password", "allow_token_reuse",
        // Near misses: a secret word inside another word, or a word about a secret rather than the secret.
        "oauth_enabled", "oauthProvider", "author", "authors", "authority", "authentication", "auth_url", "auth_type",
        "authorization_url", "token_url", "tokenUrl", "token_expiry", "refresh_token_expiry", "token_type",
        "token_count", "token_limit", "tokenizer", "tokens_per_minute", "secret_name", "secretary", "password_policy",
        "password_file", "passwordless", "bypass", "compass", "passive", "passthrough", "passenger", "spin", "pinned",
        "pinyin", "spinner", "mapping", "sass", "canvas", "sasl_mechanism", "cookie_name", "session_timeout",
        "jwt_issuer", "jwks_url", "client_id", "clientId", "project_key", "sort_key", "primary_key", "routing_key",
        "key", "keys", "keyboard", "monkey", "public_key", "publicKey", "client_cert", "certificate", "redirect_uri",
        "redirect_url", "database_url", "url", "proxy", "mongo_uri", "jdbc_url", "host", "endpoint", "seed",
        "enterprise_id", "profile", "username", "user",
        // Third-pass near misses.
        "signal", "signals", "signal_strength", "signature_version", "signature_method", "sig_algorithm", "signup_url",
        "design", "saltstack_url", "salt_rounds", "salt_length", "hmac_algorithm", "conn_timeout", "connection_limit",
        "kube_context", "kubeconfig_path", "token_id_header", "p", "p1", "pk", "username_pass_through", "signing",
        // Not names at all.
        "", " ", "_", "-", "42", ".",
    };

    [Theory]
    [MemberData(nameof(MustMask))]
    public void Credential_names_are_secret(string key) => Assert.True(SecretPolicy.IsSecretKey(key), key);

    [Theory]
    [MemberData(nameof(MustNotMask))]
    public void Other_names_are_not(string key) => Assert.False(SecretPolicy.IsSecretKey(key), key);

    [Fact]
    public void A_very_long_key_is_judged_by_its_end()
    {
        Assert.True(SecretPolicy.IsSecretKey(new string('x', 10_000) + "_password"));
        Assert.False(SecretPolicy.IsSecretKey("password_" + new string('x', 10_000)));
    }

    [Fact]
    public void Masking_replaces_secret_values_of_any_type_and_keeps_everything_else()
    {
        var config = Parse("""
            {"token": "t1", "max_tokens": 1000, "use_oauth": true, "pin": 1234, "auth": {"user": "u", "pass": "p"},
             "tokens": ["a", "b"], "password": null, "empty": "", "nested": [{"api_key": "k", "name": "n"}]}
            """);

        var masked = SecretPolicy.MaskConfig(config)!;

        Assert.Equal(Parse("""
            {"token": "******", "max_tokens": 1000, "use_oauth": true, "pin": "******", "auth": "******",
             "tokens": "******", "password": null, "empty": "", "nested": [{"api_key": "******", "name": "n"}]}
            """).ToJsonString(), masked.ToJsonString());
        Assert.Equal("t1", config["token"]!.GetValue<string>()); // a copy: the stored config is untouched
        Assert.Null(SecretPolicy.MaskConfig(null));
    }

    [Theory]
    [InlineData("postgres://u:PASS@h/db", "postgres://u:******@h/db")]
    [InlineData("postgresql://user:p%40ss@db.example.com:5432/coco?sslmode=require", "postgresql://user:******@db.example.com:5432/coco?sslmode=require")]
    [InlineData("mongodb+srv://admin:S3cr3t@cluster0.mongodb.net/", "mongodb+srv://admin:******@cluster0.mongodb.net/")]
    [InlineData("jdbc:mysql://root:toor@localhost:3306/db", "jdbc:mysql://root:******@localhost:3306/db")]
    [InlineData("http://proxyuser:proxy:pass@proxy.local:3128", "http://proxyuser:******@proxy.local:3128")]
    [InlineData("redis://:onlypass@cache:6379/0", "redis://:******@cache:6379/0")]
    [InlineData("amqp://u:p@ss@rabbit/vhost", "amqp://u:******@rabbit/vhost")]
    [InlineData("psql postgres://a:one@h1/x and mysql://b:two@h2", "psql postgres://a:******@h1/x and mysql://b:******@h2")]
    [InlineData("https://example.com/path?email=a@b.c", "https://example.com/path?email=a@b.c")]
    [InlineData("https://user@example.com/", "https://user@example.com/")]
    [InlineData("https://user:@example.com/", "https://user:@example.com/")]
    [InlineData("https://example.com:8443/a", "https://example.com:8443/a")]
    [InlineData("not a url: a:b@c", "not a url: a:b@c")]
    [InlineData("://u:p@h", "://u:p@h")]
    [InlineData("", "")]
    [InlineData("jdbc:postgresql://h/db?user=u&password=p", "jdbc:postgresql://h/db?user=u&password=******")]
    [InlineData("jdbc:postgresql://h/db?password=p&user=u", "jdbc:postgresql://h/db?password=******&user=u")]
    [InlineData("jdbc:sqlserver://h:1433;databaseName=db;user=u;password=p;encrypt=true", "jdbc:sqlserver://h:1433;databaseName=db;user=u;password=******;encrypt=true")]
    [InlineData("https://acct.blob.core.windows.net/c?sv=2024&sig=abc%2Bdef&se=x", "https://acct.blob.core.windows.net/c?sv=2024&sig=******&se=x")]
    [InlineData("https://h/cb?access_token=T#frag", "https://h/cb?access_token=******#frag")]
    [InlineData("mysql://u:P@h/db?sslmode=require&pwd=Q", "mysql://u:******@h/db?sslmode=require&pwd=******")]
    [InlineData("https://h/x?token=postgres://u:p@db/y", "https://h/x?token=******")]
    [InlineData("https://h/p?password= next", "https://h/p?password= next")]
    [InlineData("https://h/p?signal=1&max_tokens=5&password_policy=strict", "https://h/p?signal=1&max_tokens=5&password_policy=strict")]
    [InlineData("https://h/p?user=u&password", "https://h/p?user=u&password")]
    [InlineData("user=u&password=p", "user=u&password=p")]
    public void Only_the_password_of_a_URL_is_masked(string text, string expected) =>
        Assert.Equal(expected, SecretPolicy.MaskUrlPasswords(text));

    [Fact]
    public void URL_passwords_are_masked_under_any_key_and_at_any_depth()
    {
        var config = Parse("""{"url": "postgres://u:PASS@h/db", "hosts": ["redis://:R@h1"], "proxy": {"http": "http://a:B@p:1"}}""");

        Assert.Equal(
            """{"url":"postgres://u:******@h/db","hosts":["redis://:******@h1"],"proxy":{"http":"http://a:******@p:1"}}""",
            SecretPolicy.MaskConfig(config)!.ToJsonString());
    }

    [Fact]
    public void The_mask_sent_back_keeps_the_stored_secret_and_a_new_value_replaces_it()
    {
        var stored = Parse("""{"token": "old", "api_key": "k", "db": {"password": "pw", "host": "h"}, "auth": {"user": "u", "pass": "p"}}""");
        var incoming = Parse("""{"token": "******", "api_key": "rotated", "db": {"password": "******", "host": "h2"}, "auth": "******"}""");

        Assert.Empty(SecretPolicy.RestoreMasked(incoming, stored));

        Assert.Equal(
            """{"token":"old","api_key":"rotated","db":{"password":"pw","host":"h2"},"auth":{"user":"u","pass":"p"}}""",
            incoming.ToJsonString());
    }

    [Fact]
    public void A_mask_inside_a_secret_stands_for_the_stored_value_at_the_same_place()
    {
        var stored = Parse("""{"tokens": ["t0", "t1", "t2"], "oauth_credentials": {"client_id": "c", "client_secret": "s"}}""");
        var incoming = Parse("""{"tokens": ["******", "new", "******"], "oauth_credentials": {"client_id": "******", "client_secret": "******"}}""");

        Assert.Empty(SecretPolicy.RestoreMasked(incoming, stored));

        Assert.Equal("""{"tokens":["t0","new","t2"],"oauth_credentials":{"client_id":"c","client_secret":"s"}}""", incoming.ToJsonString());
    }

    [Fact]
    public void An_array_of_masks_longer_than_the_stored_one_is_refused_where_nothing_stands_behind()
    {
        var stored = Parse("""{"tokens": ["t0"], "token": "single"}""");
        var incoming = Parse("""{"tokens": ["******", "******"], "token": ["******"]}""");

        var unresolved = SecretPolicy.RestoreMasked(incoming, stored);

        Assert.Equal(["config.tokens[1]", "config.token[0]"], unresolved.Select(u => u.Path));
        Assert.All(unresolved, u => Assert.Contains("no secret is stored there", u.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_in_an_array_of_objects_follow_their_element_when_elements_move_or_go()
    {
        var stored = Parse("""{"accounts": [{"user": "a", "password": "A"}, {"user": "b", "password": "B"}, {"user": "c", "password": "C"}]}""");
        // The first element removed, the last two swapped, one rotated.
        var incoming = Parse("""{"accounts": [{"user": "c", "password": "******"}, {"password": "******", "user": "b"}, {"user": "d", "password": "D"}]}""");

        Assert.Empty(SecretPolicy.RestoreMasked(incoming, stored));

        Assert.Equal("""{"accounts":[{"user":"c","password":"C"},{"password":"B","user":"b"},{"user":"d","password":"D"}]}""", incoming.ToJsonString());
    }

    [Fact]
    public void A_masked_secret_in_an_element_that_matches_no_stored_element_is_refused()
    {
        var stored = Parse("""{"accounts": [{"user": "a", "password": "A"}]}""");
        var incoming = Parse("""{"accounts": [{"user": "changed", "password": "******"}]}""");

        var unresolved = Assert.Single(SecretPolicy.RestoreMasked(incoming, stored));

        Assert.Equal("config.accounts[0].password", unresolved.Path);
        Assert.Contains("matches no stored element", unresolved.Reason, StringComparison.Ordinal);
        Assert.Equal("******", incoming["accounts"]![0]!["password"]!.GetValue<string>());
    }

    [Fact]
    public void A_mask_with_nothing_stored_is_reported_and_left_alone()
    {
        var incoming = Parse("""{"api_key": "******", "name": "******", "nested": {"secret": "******"}}""");

        var unresolved = SecretPolicy.RestoreMasked(incoming, stored: null);

        Assert.Equal(["config.api_key", "config.nested.secret"], unresolved.Select(u => u.Path));
        Assert.Equal("config.api_key is the mask \"******\" but no secret is stored there", unresolved[0].Message);
    }

    [Fact]
    public void A_null_secret_is_neither_masked_nor_counted()
    {
        var config = Parse("""{"password": null, "token": "t"}""");

        Assert.Equal("""{"password":null,"token":"******"}""", SecretPolicy.MaskConfig(config)!.ToJsonString());
        Assert.Equal(["config.token"], SecretPolicy.SecretValues(config).Select(s => s.Path));
        Assert.Empty(SecretPolicy.RestoreMasked(Parse("""{"password": null}"""), config));
    }

    [Theory]
    [InlineData("postgres://u:******@h/db2", "postgres://u:PASS@h/db", "postgres://u:PASS@h/db2")]
    [InlineData("postgres://u:******@h:5432/db", "x postgres://u:PASS@h:5432/db", "postgres://u:PASS@h:5432/db")]
    [InlineData("a://u:******@h1 b://v:******@h2", "b://v:TWO@h2 a://u:ONE@h1", "a://u:ONE@h1 b://v:TWO@h2")]
    [InlineData("postgres://u:NEW@h/db", "postgres://u:OLD@h/db", "postgres://u:NEW@h/db")]
    [InlineData("jdbc:postgresql://h/db?user=u&password=******&ssl=true", "jdbc:postgresql://h/db?user=u&password=P", "jdbc:postgresql://h/db?user=u&password=P&ssl=true")]
    [InlineData("mysql://u:******@h/db?pwd=******", "mysql://u:A@h/db?pwd=B", "mysql://u:A@h/db?pwd=B")]
    public void A_masked_URL_password_is_restored_from_the_stored_URL_to_the_same_place(string incoming, string stored, string expected)
    {
        Assert.Equal(expected, SecretPolicy.RestoreMaskedUrls(incoming, stored, "url", out var unresolved));
        Assert.Null(unresolved);
    }

    [Theory]
    [InlineData("postgres://u:******@evil.example/db", "postgres://u:PASS@h/db")]
    [InlineData("postgres://other:******@h/db", "postgres://u:PASS@h/db")]
    [InlineData("postgres://u:******@h:6543/db", "postgres://u:PASS@h/db")]
    [InlineData("mysql://u:******@h/db", "postgres://u:PASS@h/db")]
    [InlineData("postgres://u:******@h/db", "postgres://u@h/db")]
    [InlineData("postgres://u:******@h/db", null)]
    [InlineData("jdbc:postgresql://evil/db?user=u&password=******", "jdbc:postgresql://h/db?user=u&password=P")]
    [InlineData("jdbc:postgresql://h/db?user=other&password=******", "jdbc:postgresql://h/db?user=u&password=P")]
    public void A_masked_URL_password_never_follows_the_URL_elsewhere(string incoming, string? stored)
    {
        Assert.Equal(incoming, SecretPolicy.RestoreMaskedUrls(incoming, stored, "config.database_url", out var unresolved));
        Assert.Equal("config.database_url", unresolved!.Path);
        Assert.Contains("send the password again", unresolved.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_URL_passwords_round_trip_through_the_mask()
    {
        var stored = Parse("""{"database_url": "postgres://u:PASS@h/db", "mirrors": ["http://a:A@m1", "http://b:B@m2"]}""");
        var incoming = SecretPolicy.MaskConfig(stored)!;
        incoming["mirrors"]!.AsArray().RemoveAt(0);

        Assert.Empty(SecretPolicy.RestoreMasked(incoming, stored));

        Assert.Equal("""{"database_url":"postgres://u:PASS@h/db","mirrors":["http://b:B@m2"]}""", incoming.ToJsonString());
    }

    [Fact]
    public void Secret_values_are_listed_with_their_size_and_depth()
    {
        var config = Parse("""{"token": "abc", "auth": {"a": {"b": 1}}, "db": "postgres://u:pässword@h", "list": [{"pin": 1}]}""");

        var secrets = SecretPolicy.SecretValues(config);

        Assert.Equal(
            [new SecretValue("config.token", 5, 0), new SecretValue("config.auth", 13, 2), new SecretValue("config.db", 9, 0), new SecretValue("config.list[0].pin", 1, 0)],
            secrets);
    }

    [Fact]
    public void Any_JSON_value_is_masked_as_a_copy()
    {
        var array = JsonNode.Parse("""[{"token": "t"}, "postgres://u:PASS@h/db", 7, true, null]""");

        Assert.Equal("""[{"token":"******"},"postgres://u:******@h/db",7,true,null]""", SecretPolicy.MaskNode(array)!.ToJsonString());
        Assert.Equal("postgres://u:PASS@h/db", (string?)array![1]);
        Assert.Equal("\"plain\"", SecretPolicy.MaskNode(JsonValue.Create("plain"))!.ToJsonString());
        Assert.Equal("3.5", SecretPolicy.MaskNode(JsonValue.Create(3.5))!.ToJsonString());
        Assert.Null(SecretPolicy.MaskNode(null));
        Assert.Null(SecretPolicy.MaskUrlPasswords(null));
    }

    [Fact]
    public void The_URL_passwords_in_a_text_are_found_for_the_error_scrubber()
    {
        Assert.Equal(["one", "p@ss"], SecretPolicy.UrlPasswordsIn("a postgres://a:one@h1/x and amqp://u:p@ss@rabbit/v"));
        Assert.Empty(SecretPolicy.UrlPasswordsIn("https://user@example.com/ and no password"));
    }

    [Fact]
    public void URL_passwords_in_arrays_are_listed_by_their_index()
    {
        var config = Parse("""{"mirrors": ["http://x", "http://a:pw@m2"], "password": null}""");

        Assert.Equal([new SecretValue("config.mirrors[1]", 2, 0)], SecretPolicy.SecretValues(config));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
