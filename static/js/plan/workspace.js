// The planners' workspace: scenarios, siting, comparison and isochrones beside the map.
export {};
