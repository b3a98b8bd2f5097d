using System.Text.Json.Nodes;

namespace Coco.Connectors.Seeding;

/// <summary>
/// The 26 connectors Coco Server ships with (ids, names, categories, tags, icons and OAuth flags as Coco's
/// en-US setup template has them). Seeded as Coco documents through the write path when missing.
/// </summary>
public static class BuiltinConnectors
{
    private const string CallbackBase = "http://localhost:9000";

    private static readonly string[] FeishuIcons = ["bitable", "default", "doc", "docx", "file", "mindnote", "sheet", "slides"];

    public static IReadOnlyList<JsonObject> All { get; } =
    [
        Make("yuque", "Yuque Docs Connector", "Index documents, books and sheets from Yuque knowledge bases.", "website",
            ["static_site", "hugo", "web"], ["board", "book", "default", "doc", "sheet", "table"]),
        Make("hugo_site", "Hugo Site Connector", "Index the pages of a static site built with Hugo.", "website",
            ["static_site", "hugo", "web"], ["blog", "default", "news", "web", "web_page"], iconFiles: new() { ["default"] = "web" }),
        Make("google_drive", "Google Drive Connector", "Index files and folders from Google Drive.", "cloud_storage",
            ["google", "storage"],
            ["audio", "default", "document", "drawing", "folder", "form", "fusiontable", "jam", "map", "ms_excel",
             "ms_powerpoint", "ms_word", "pdf", "photo", "presentation", "script", "site", "spreadsheet", "video", "zip"],
            oauth: true,
            config: new JsonObject
            {
                ["auth_url"] = "https://accounts.google.com/o/oauth2/auth",
                ["token_url"] = "https://oauth2.googleapis.com/token",
                ["redirect_url"] = $"{CallbackBase}/connector/google_drive/oauth_redirect",
            }),
        Make("notion", "Notion Docs Connector", "Index pages and databases from a Notion workspace.", "website",
            ["docs", "notion", "web"], ["database", "default", "page", "web_page"]),
        Make("rss", "RSS Connector", "Index the entries of RSS and Atom feeds.", "website", ["rss", "feed", "web"], ["default"]),
        Make("local_fs", "Local Filesystem Connector", "Index files from folders on the server's file system.", "local_storage",
            ["storage", "filesystem"], ["default", "file"]),
        Make("s3", "S3 Storage Connector", "Index objects stored in Amazon S3 or an S3-compatible store.", "cloud_storage",
            ["s3", "storage"], ["default", "file"]),
        Make("confluence", "Confluence wiki Connector", "Index spaces, pages, blog posts and attachments from Confluence.", "website",
            ["wiki", "storage", "docs", "web"], ["default"]),
        Make("network_drive", "Network Drive Connector", "Index files on SMB network shares.", "cloud_storage",
            ["filesystem", "storage", "web"], ["default", "file"]),
        Make("postgresql", "PostgreSQL Connector", "Index rows returned by a SQL query on PostgreSQL.", "database",
            ["sql", "storage", "database"], ["default"]),
        Make("mysql", "MySQL Connector", "Index rows returned by a SQL query on MySQL.", "database",
            ["sql", "storage", "database"], ["default"]),
        Make("github", "GitHub Connector", "Index repositories, issues and pull requests from GitHub.", "website",
            ["git", "code", "vcs", "website"], ["default", "issue", "org", "pull_request", "repository"]),
        Make("gitlab", "GitLab Connector", "Index projects, issues, merge requests, wikis and snippets from GitLab.", "website",
            ["git", "code", "vcs", "website"], ["default", "issue", "merge_request", "org", "repository", "snippet", "wiki"]),
        Make("gitea", "Gitea Connector", "Index repositories, issues and pull requests from Gitea.", "website",
            ["git", "code", "vcs", "website"], ["default", "issue", "org", "pull_request", "repository"]),
        Make("feishu", "Feishu Cloud Documents Connector", "Index cloud documents from Feishu.", "cloud",
            ["feishu", "cloud_docs"], FeishuIcons, oauth: true,
            config: new JsonObject
            {
                ["redirect_uri"] = $"{CallbackBase}/connector/feishu/oauth_redirect",
                ["auth_url"] = "https://accounts.feishu.cn/open-apis/authen/v1/authorize",
                ["token_url"] = "https://open.feishu.cn/open-apis/authen/v2/oauth/token",
            }),
        Make("lark", "Lark Cloud Documents Connector", "Index cloud documents from Lark.", "cloud",
            ["lark", "cloud_docs"], FeishuIcons, oauth: true,
            config: new JsonObject
            {
                ["redirect_uri"] = $"{CallbackBase}/connector/lark/oauth_redirect",
                ["auth_url"] = "https://accounts.larksuite.com/open-apis/authen/v1/authorize",
                ["token_url"] = "https://open.larksuite.com/open-apis/authen/v2/oauth/token",
            }),
        Make("mssql", "Microsoft SQL Server Connector", "Index rows returned by a SQL query on Microsoft SQL Server.", "database",
            ["sql", "storage", "database"], ["default"]),
        Make("oracle", "Oracle Connector", "Index rows returned by a SQL query on Oracle Database.", "database",
            ["sql", "storage", "database"], ["default"]),
        Make("salesforce", "Salesforce Connector", "Index standard and custom objects from Salesforce.", "crm",
            ["crm", "salesforce", "business"], ["account", "campaign", "case", "contact", "default", "lead", "opportunity"],
            pathHierarchy: true),
        Make("neo4j", "Neo4j Graph Database Connector", "Index nodes returned by a Cypher query on Neo4j.", "database",
            ["graph", "database", "neo4j", "cypher"], ["default"]),
        Make("mongodb", "MongoDB Connector", "Index documents from a MongoDB collection.", "database",
            ["nosql", "database", "mongodb", "document_store"], ["default"]),
        Make("jira", "Jira Project Connector", "Index issues, comments and attachments from Jira projects.", "website",
            ["project_management", "issues", "atlassian", "web"], ["default"]),
        GitlabWebhookReceiver(),
        Make("box", "Box Cloud Storage Connector", "Index files from Box.", "cloud_storage",
            ["box", "cloud_storage", "file_sharing"],
            ["bookmark", "boxcanvas", "boxnote", "default", "docx", "excel-spreadsheet", "google-docs", "google-sheets",
             "google-slides", "keynote", "numbers", "pages", "pdf", "powerpoint-presentation"],
            oauth: true),
        Make("milvus", "Milvus Vector Database Connector", "Index entities from a Milvus collection.", "vector_database",
            ["vector", "database", "milvus", "vector_store"], ["default"]),
        Make("dropbox", "Dropbox Connector", "Index files from Dropbox.", "cloud_storage",
            ["dropbox", "cloud_storage", "file_sharing"], ["default", "docx", "gdoc", "gexcel", "gppt", "paper", "pdf", "pptx", "xlsx"],
            oauth: true,
            config: new JsonObject { ["redirect_uri"] = $"{CallbackBase}/connector/dropbox/oauth_redirect" }),
    ];

    private static JsonObject Make(
        string id, string name, string description, string category, string[] tags, string[] iconKeys,
        bool oauth = false, bool pathHierarchy = false, JsonObject? config = null, Dictionary<string, string>? iconFiles = null)
    {
        var icons = new JsonObject();
        foreach (var key in iconKeys)
        {
            icons[key] = $"/assets/icons/connector/{id}/{iconFiles?.GetValueOrDefault(key) ?? key}.png";
        }

        var doc = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["description"] = description,
            ["category"] = category,
            ["icon"] = $"/assets/icons/connector/{id}/icon.png",
            ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]),
            ["url"] = $"http://coco.rs/connectors/{id}",
            ["path_hierarchy"] = pathHierarchy,
            ["assets"] = new JsonObject { ["icons"] = icons },
            ["oauth_connect_implemented"] = oauth,
            ["processor"] = new JsonObject { ["enabled"] = true, ["name"] = id },
            ["enabled"] = true,
        };
        if (config is not null)
        {
            doc["config"] = config;
        }

        return doc;
    }

    private static JsonObject GitlabWebhookReceiver() => new()
    {
        ["id"] = "gitlab_webhook_receiver",
        ["name"] = "Gitlab Webhook（Merge Request）Connector",
        ["description"] = "Receive GitLab merge request events through a webhook.",
        ["category"] = "Webhook",
        ["icon"] = "font_gitlab",
        ["tags"] = new JsonArray(),
        ["path_hierarchy"] = false,
        ["assets"] = new JsonObject { ["icons"] = new JsonObject { ["default"] = "/assets/icons/connector/gitlab/icon.png" } },
        ["oauth_connect_implemented"] = false,
        ["processor"] = new JsonObject { ["enabled"] = false },
        ["enabled"] = true,
    };
}
