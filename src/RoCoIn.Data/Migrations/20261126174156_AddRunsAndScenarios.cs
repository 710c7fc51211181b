using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RoCoIn.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddRunsAndScenarios : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Scenarios",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Scenarios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Runs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Strategy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    JobId = table.Column<int>(type: "INTEGER", nullable: true),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    Speed = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SpeedFactor = table.Column<double>(type: "REAL", nullable: true),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ScenarioId = table.Column<int>(type: "INTEGER", nullable: true),
                    ScenarioName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ScenarioJson = table.Column<string>(type: "TEXT", nullable: true),
                    TopologyJson = table.Column<string>(type: "TEXT", nullable: false),
                    InjectionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    EventsJson = table.Column<string>(type: "TEXT", nullable: true),
                    SummaryJson = table.Column<string>(type: "TEXT", nullable: true),
                    HistogramJson = table.Column<string>(type: "TEXT", nullable: true),
                    SuccessRate = table.Column<double>(type: "REAL", nullable: true),
                    P95Seconds = table.Column<double>(type: "REAL", nullable: true),
                    Warning = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedUtc = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Runs_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Runs_Scenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "Scenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "RunSeconds",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Second = table.Column<int>(type: "INTEGER", nullable: false),
                    Sent = table.Column<long>(type: "INTEGER", nullable: false),
                    Served = table.Column<long>(type: "INTEGER", nullable: false),
                    Correct = table.Column<long>(type: "INTEGER", nullable: false),
                    WithinObjective = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencySumSeconds = table.Column<double>(type: "REAL", nullable: false),
                    P50Seconds = table.Column<double>(type: "REAL", nullable: true),
                    P95Seconds = table.Column<double>(type: "REAL", nullable: true),
                    P99Seconds = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunSeconds", x => new { x.RunId, x.Second });
                    table.ForeignKey(
                        name: "FK_RunSeconds_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_PlanId",
                table: "Runs",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_ScenarioId",
                table: "Runs",
                column: "ScenarioId");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Status",
                table: "Runs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Scenarios_Name",
                table: "Scenarios",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunSeconds");

            migrationBuilder.DropTable(
                name: "Runs");

            migrationBuilder.DropTable(
                name: "Scenarios");
        }
    }
}
