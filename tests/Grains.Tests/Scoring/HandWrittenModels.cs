namespace FraudActors.Grains.Tests.Scoring;

/// <summary>Tiny XGBoost 1.7 JSON documents whose outputs can be worked out by hand.</summary>
internal static class HandWrittenModels
{
    /// <summary>
    /// Three features, two trees, base_score 0.5 (margin 0). Tree 0 is stored out of breadth-first order (the root's
    /// left child is node 2) and keeps an unreachable pruned node 5:
    /// <code>
    /// node 0: f0 &lt; 1.5, missing → left     hessian 10, mean 0.4
    ///   node 2: f2 &lt; 0, missing → right    hessian 6,  mean 0
    ///     node 3: leaf 0.5                  hessian 2
    ///     node 4: leaf -0.25                hessian 4
    ///   node 1: leaf 1.0                    hessian 4
    /// </code>
    /// Tree 1 is a single leaf, 0.125.
    /// </summary>
    public const string TwoTrees = """
        {
          "learner": {
            "attributes": {}, "feature_names": [], "feature_types": [],
            "gradient_booster": {
              "name": "gbtree",
              "model": {
                "gbtree_model_param": { "num_parallel_tree": "1", "num_trees": "2", "size_leaf_vector": "0" },
                "tree_info": [0, 0],
                "trees": [
                  {
                    "id": 0,
                    "left_children":    [2, -1, 3, -1, -1, -1],
                    "right_children":   [1, -1, 4, -1, -1, -1],
                    "split_indices":    [0, 0, 2, 0, 0, 0],
                    "split_conditions": [1.5E0, 1E0, 0E0, 5E-1, -2.5E-1, 9E0],
                    "default_left":     [1, 0, 0, 0, 0, 0],
                    "sum_hessian":      [1E1, 4E0, 6E0, 2E0, 4E0, 1E0],
                    "split_type":       [0, 0, 0, 0, 0, 0],
                    "base_weights":     [0, 0, 0, 0, 0, 0],
                    "categories": [], "categories_nodes": [], "categories_segments": [], "categories_sizes": [],
                    "tree_param": { "num_deleted": "1", "num_feature": "3", "num_nodes": "6", "size_leaf_vector": "0" }
                  },
                  {
                    "id": 1,
                    "left_children": [-1], "right_children": [-1], "split_indices": [0],
                    "split_conditions": [1.25E-1], "default_left": [false], "sum_hessian": [1E1], "split_type": [0],
                    "tree_param": { "num_deleted": "0", "num_feature": "3", "num_nodes": "1", "size_leaf_vector": "0" }
                  }
                ]
              }
            },
            "learner_model_param": { "base_score": "5E-1", "boost_from_average": "1", "num_class": "0", "num_feature": "3", "num_target": "1" },
            "objective": { "name": "binary:logistic", "reg_loss_param": { "scale_pos_weight": "1" } }
          },
          "version": [1, 7, 4]
        }
        """;

    /// <summary>gblinear on three features: weights 0.5, -1, 2 and bias 0.25; base_score 0.2 (margin -ln 4).</summary>
    public const string Linear = """
        {
          "learner": {
            "gradient_booster": { "name": "gblinear", "model": { "boosted_rounds": 3, "weights": [5E-1, -1E0, 2E0, 2.5E-1] } },
            "learner_model_param": { "base_score": "2E-1", "num_class": "0", "num_feature": "3", "num_target": "1" },
            "objective": { "name": "binary:logistic" }
          },
          "version": [1, 7, 4]
        }
        """;
}
