using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HtxFund.Web;

/// <summary>
/// The people's side of HtxFund: server-rendered Razor Pages under <c>Web/Pages</c> (one folder per portal), Vietnamese by
/// default with English from <c>Web/SharedResource.en.resx</c> (<c>?culture=en</c>), the cookie sign-in of
/// <see cref="Identity.IdentitySetup"/>, antiforgery on every form, and static files from <c>wwwroot</c>.
/// Pages call the API's own endpoint functions (see <see cref="PortalPage"/>): no business rule is written twice.
/// </summary>
public static class WebSetup
{
    public const string Vietnamese = "vi-VN";
    public const string English = "en";

    public static IServiceCollection AddHtxFundWeb(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<ApplicationPipeline>();
        services.AddSingleton<PageCommands>();
        // Vietnamese letters are written as they are, not as &#x...; entities (smaller pages on slow connections).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Web/Pages";
                o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
                // The status page is where a refused POST is re-executed (e.g. the sign-in page's 429): it changes nothing,
                // and the re-executed request must not be refused again for the token (the closest policy, added last, wins).
                o.Conventions.AddPageApplicationModelConvention("/Error",
                    page => page.Filters.Add(new Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute()));
            })
            .AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new MoneyModelBinderProvider()))
            .AddViewLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = new[] { new CultureInfo(Vietnamese), new CultureInfo(English) };
            o.DefaultRequestCulture = new RequestCulture(Vietnamese);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Static files are served before authentication (they are public); the culture is chosen per request.
    /// Routing is placed here explicitly (after the exception and status-code handlers), so that a page's bare 403/404
    /// re-executed as <c>/loi/{status}</c> is routed again to the status page.</summary>
    public static WebApplication UseHtxFundWebStatic(this WebApplication app)
    {
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.Use(RememberCulture);
        app.UseRouting();
        return app;
    }

    /// <summary><c>?culture=en</c> (or <c>vi-VN</c>) on any page also sets the culture cookie, so the choice sticks.</summary>
    private static Task RememberCulture(HttpContext context, Func<Task> next)
    {
        if (context.Request.Query.TryGetValue("culture", out var asked) && asked.ToString() is Vietnamese or English)
        {
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(asked.ToString())),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        }
        return next();
    }

    public static WebApplication MapHtxFundPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>Paths served by pages (not the API, not tools): their empty 4xx answers become a Vietnamese HTML page.</summary>
    public static bool IsPagePath(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/hangfire") && !path.StartsWithSegments("/health") &&
        !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/api-docs") && !path.StartsWithSegments("/scalar");
}
