namespace RoCoIn.Web.Learn;

/// <summary>
/// The lessons, as plain data shared by the pages and the tests. Texts explain; every figure on screen comes from the
/// widget (engine or database), never from these strings. Formulas are rocoin-model.md's, in HTML.
/// </summary>
public static class LessonCatalogue
{
    private const string Tnk =
        "t<sub>nk</sub> = 2ℓ<sub>n</sub> + D<sub>in</sub>/r<sub>n</sub><sup>↓</sup> + c<sub>k</sub>/f<sub>n</sub> + b·d<sub>k</sub>/r<sub>n</sub><sup>↑</sup>";

    private const string Qk = "q<sub>k</sub>(τ) = Π<sub>n∈G<sub>k</sub></sub> (p<sub>n</sub> if t<sub>nk</sub> ≤ τ − δ, else 1)";

    public static Lesson OneDevice { get; } = new(
        "one-device",
        "Why one device is not enough",
        "A teacher network good enough for the task is too large and too slow for one small device. Measure it against the devices stored in your studio.",
        LessonWidget.OneDevice,
        [LessonQuery.Device, LessonQuery.Width],
        [
            new("The teacher",
                "RoCoIn starts from a large teacher CNN, trained once. Its size and cost are not typed in: they are counted from its " +
                "layer list, by one rule for every model in the studio.",
                "c = 2·MACs<sub>conv, linear</sub> + outputs<sub>ReLU, pooling</sub> &nbsp;&nbsp;&nbsp; m = 4·parameters + max<sub>layer</sub> 4·(input + output elements)",
                "rocoin-model.md §2", [], StepView.TeacherCost),
            new("Does it fit?",
                "A device can run a model only if the model's weights and activations fit the memory it sets aside for one model. " +
                "Compare the teacher with every device stored in the studio, and pick the device to follow through this lesson.",
                "m<sub>teacher</sub> ≤ M<sub>n</sub>",
                "rocoin-model.md §2", [], StepView.TeacherMemory),
            new("How long would one request take?",
                "Where it fits, one device still has to receive the image, run the whole teacher and send the class scores back: " +
                "link latency both ways, the input transfer, the compute at the device's effective throughput, and the reply. " +
                "A request that is not complete by the deadline has failed.",
                "t = 2ℓ<sub>n</sub> + D<sub>in</sub>/r<sub>n</sub><sup>↓</sup> + c<sub>teacher</sub>/f<sub>n</sub> + b·C/r<sub>n</sub><sup>↑</sup> &nbsp; ≤ τ ?",
                "rocoin-model.md §3 (the teacher alone returns its C class scores)", ["tau", "tnk"], StepView.TeacherLatency),
            new("Smaller students, split knowledge",
                "RoCoIn replaces the teacher with compact students, each reproducing only dₖ of the teacher's F feature channels. " +
                "A student's layers grow with dₖ, so a narrower partition needs less memory and compute. Change d to see which " +
                "students the chosen device can hold and answer with in time; then let the planner split a whole fleet.",
                $"m<sub>k</sub> ≤ M<sub>n</sub>, &nbsp;&nbsp; {Tnk} ≤ τ − δ",
                "rocoin-model.md §3, §5", ["dk", "tnk", "tau", "delta"], StepView.StudentsInstead),
        ]);

    public static Lesson Partition { get; } = new(
        "partition",
        "Knowledge partition and distillation",
        "The teacher's knowledge — the channels of its last convolutional layer — is split into partitions, and one small student learns each. See a distilled model set's partitions and how its students compare with the teacher.",
        LessonWidget.Partition,
        [LessonQuery.ModelSet],
        [
            new("The knowledge to split",
                "The teacher's last convolutional layer has F channels; their activations are the knowledge the students share out. " +
                "Channels that respond together are grouped by community detection on a graph of their co-activations, then sized " +
                "to the widths the plan asks for. Each square below is one channel, coloured by its partition.",
                "P<sub>1</sub> ∪ … ∪ P<sub>K</sub> = {1, …, F}, &nbsp; P<sub>i</sub> ∩ P<sub>j</sub> = ∅, &nbsp; d<sub>k</sub> = |P<sub>k</sub>|, &nbsp; Σ<sub>k</sub> d<sub>k</sub> = F",
                "rocoin-model.md §4", ["K", "dk"], StepView.Channels),
            new("One student per partition",
                "Each partition gets its own student, sized for the devices of its group. It learns to reproduce the teacher's " +
                "activations on its dₖ channels and sends dₖ features back, so a wider partition costs more compute and more " +
                "bits on the uplink.",
                Tnk,
                "rocoin-model.md §3, §5", ["dk", "tnk"], StepView.PartitionStudents),
            new("Distillation: students against the teacher",
                "Students learn from the teacher's softened class scores and from its attention on their partition's channels. The " +
                "requester concatenates the students' features and a small aggregator classifies them. Alone, one student knows " +
                "only its part; together they come close to the teacher.",
                "L = (1 − α)·CE(y, z<sub>S</sub>) + α·T<sup>2</sup>·KL(softmax(z<sub>T</sub>/T) ‖ softmax(z<sub>S</sub>/T)) + β·L<sub>AT</sub>",
                "rocoin-model.md §5", [], StepView.StudentAccuracy),
            new("When groups are missing",
                "Every subset of groups is measured with the missing groups' features set to zero. In degraded mode a request is " +
                "answered by whichever groups replied, so its expected accuracy weighs these measurements by how likely each " +
                "subset is.",
                "E[acc | served] = Σ<sub>A≠∅</sub> acc(A) · Π<sub>k∈A</sub>(1 − q<sub>k</sub>) · Π<sub>k∉A</sub> q<sub>k</sub> / (1 − Π<sub>k</sub> q<sub>k</sub>)",
                "rocoin-model.md §6", ["degraded", "qk"], StepView.MissingGroups),
        ]);

    public static Lesson Redundancy { get; } = new(
        "redundancy",
        "Redundancy vs parallelism",
        "With a fixed set of devices, more groups mean narrower, faster students but fewer replicas per group. Slide K and watch latency, reliability and expected accuracy move.",
        LessonWidget.Redundancy,
        [LessonQuery.K, LessonQuery.Mode],
        [
            new("Parallelism: more groups",
                "The planner splits the fleet into K groups that work on the same input at the same time, each on its own " +
                "partition. With more groups each partition is narrower and each student cheaper, but a request still waits " +
                "for its slowest group.",
                "T = max<sub>k</sub> T<sub>k</sub> + δ, &nbsp;&nbsp; T<sub>k</sub> = min<sub>n∈G<sub>k</sub> that replied</sub> t<sub>nk</sub>",
                "rocoin-model.md §3", ["K", "tnk", "delta", "ET"], StepView.Groups),
            new("Redundancy: replicas in a group",
                "Every device of a group runs the same student and the first reply wins. A group fails only when none of its " +
                "members replies in time, so members make a group reliable. The more groups, the fewer members each one has.",
                $"{Qk}, &nbsp;&nbsp; R = Π<sub>k</sub> (1 − q<sub>k</sub>(τ))",
                "rocoin-model.md §3", ["qk", "R", "strict"], StepView.Reliability),
            new("The trade-off",
                "The same fleet planned with every K: latency first falls as students get cheaper, then the missing replicas cost " +
                "more than the parallelism gains. J charges a failed request the whole deadline, so it shows both effects in one " +
                "number.",
                "J = R·E[T | served] + (1 − R)·τ = E[min(T, τ)] = ∫<sub>0</sub><sup>τ</sup> (1 − F<sub>T</sub>(t)) dt",
                "rocoin-model.md §3", ["J", "ET", "R", "tau"], StepView.Tradeoff),
            new("Expected accuracy",
                "Accuracy depends on which groups answered. Strict mode serves only requests that every group answered; degraded " +
                "mode also answers with groups missing, serving more requests at a lower expected accuracy. Accuracy is shown only " +
                "for a K whose students have been distilled and measured.",
                "strict: E[acc | served] = acc(all) &nbsp;&nbsp;&nbsp; degraded: E[acc | served] = Σ<sub>A≠∅</sub> acc(A) · Π<sub>k∈A</sub>(1 − q<sub>k</sub>) · Π<sub>k∉A</sub> q<sub>k</sub> / (1 − Π<sub>k</sub> q<sub>k</sub>)",
                "rocoin-model.md §6", ["strict", "degraded", "qk"], StepView.ExpectedAccuracy),
        ]);

    public static Lesson Failures { get; } = new(
        "failures",
        "Failures: who answers?",
        "Crash devices in a small seeded simulation of a plan, watch which member of each group answers, and compare strict with degraded mode.",
        LessonWidget.Failures,
        [LessonQuery.Seed, LessonQuery.Crash],
        [
            new("The first reply per group",
                "The simulator sends each request to every member of every group. A group is served by its first member that " +
                "replies in time; a device may drop a request with its own probability pₙ. These are the first requests of a " +
                "seeded run: the same seed gives the same run.",
                "T<sub>k</sub> = min<sub>n∈G<sub>k</sub> that replied</sub> t<sub>nk</sub>, &nbsp; counted only if t<sub>nk</sub> ≤ τ − δ",
                "rocoin-model.md §3", ["tnk", "tau"], StepView.RequestPath),
            new("Crash devices",
                "Pick devices to crash for the whole run. A crashed device never replies; its group survives as long as another " +
                "member answers. Crash every member of a group and the group is lost.",
                $"{Qk}, &nbsp; with p<sub>n</sub> = 1 for a crashed device",
                "rocoin-model.md §3", ["qk"], StepView.CrashDevices),
            new("Strict or degraded",
                "In strict mode a request needs every group, so one lost group fails every request. In degraded mode the " +
                "aggregator answers with the groups that replied: the request is served, but less accurately, and only at the " +
                "deadline, because the requester cannot know sooner that a group is missing.",
                "R = Π<sub>k</sub> (1 − q<sub>k</sub>(τ)) &nbsp;(strict) &nbsp;&nbsp;&nbsp; R<sub>deg</sub> = 1 − Π<sub>k</sub> q<sub>k</sub>(τ) &nbsp;(degraded)",
                "rocoin-model.md §3", ["strict", "degraded", "R"], StepView.StrictVersusDegraded),
            new("Try it yourself",
                "The run page simulates the same plan under load, with failures injected live from its devices view or from " +
                "scenarios, and sets the measurement beside the closed form.",
                "success rate = served / sent; &nbsp; resilience = success rate × (accuracy / teacher accuracy) × share within L<sub>obj</sub>",
                "rocoin-model.md §10", ["Lobj", "p99"], StepView.RunSummary),
        ]);

    /// <summary>Every lesson, in the order the lesson list shows them.</summary>
    public static IReadOnlyList<Lesson> All { get; } = [OneDevice, Partition, Redundancy, Failures];

    /// <summary>The lesson with <paramref name="slug"/> (case-insensitive), or null.</summary>
    public static Lesson? Find(string? slug) =>
        All.FirstOrDefault(l => string.Equals(l.Slug, slug, StringComparison.OrdinalIgnoreCase));
}
