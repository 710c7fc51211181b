namespace RoCoIn.Web.Workspace;

public static class WorkspaceServiceCollectionExtensions
{
    /// <summary>Disk use, clean-up, model-set deletion with its files, backup and restore (ADR-011), and <see cref="WorkspaceOptions"/>.</summary>
    public static IServiceCollection AddRoCoInWorkspace(this IServiceCollection services)
    {
        services.AddOptions<WorkspaceOptions>().BindConfiguration(WorkspaceOptions.Section)
            .Validate(o => o.MaxBackupBytes > 0, "RoCoIn:Workspace:MaxBackupBytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<WorkspaceLocations>();
        services.AddSingleton<WorkspaceGate>();
        services.AddSingleton<WorkspaceActivity>();
        services.AddSingleton<WorkspaceInventory>();
        services.AddSingleton<WorkspaceCleaner>();
        services.AddSingleton<WorkspaceBackup>();
        services.AddSingleton<WorkspaceRestore>();
        return services;
    }
}
