using System.Diagnostics.CodeAnalysis;

// Razor derives the namespace from the Components/Shared/Runs folder; "Shared" is a VB keyword (as for Components/Shared).
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:RoCoIn.Web.Components.Shared.Runs", Justification = "Namespace follows the Blazor folder convention.")]
